"""Find the dbt profile and read the DuckDB path from it, so the loader writes where dbt reads."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import yaml

from generator.errors import UsageError

PROFILE = "customer360"


def find_profiles(profiles_dir: Path | None) -> Path:
    candidates = (
        [profiles_dir]
        if profiles_dir
        else [
            Path(os.environ["DBT_PROFILES_DIR"]) if os.environ.get("DBT_PROFILES_DIR") else None,
            Path.cwd(),
            Path.home() / ".dbt",
        ]
    )
    for folder in filter(None, candidates):
        if (folder / "profiles.yml").is_file():
            return folder / "profiles.yml"
    raise UsageError("no profiles.yml found; copy profiles.example.yml to profiles.yml (make does this)")


def _env_var(name: str, default: str | None = None) -> str:
    if name in os.environ:
        return os.environ[name]
    if default is None:
        raise UsageError(f"profiles.yml needs the environment variable {name}")
    return default


def read_target(profiles_dir: Path | None, target: str) -> dict:
    path = find_profiles(profiles_dir)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    try:
        rendered = env.from_string(path.read_text()).render(env_var=_env_var)
        profiles = yaml.safe_load(rendered) or {}
    except (jinja2.TemplateError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    outputs = (profiles.get(PROFILE) or {}).get("outputs") or {}
    if target not in outputs:
        raise UsageError(f"{path} has no target {target!r} in profile {PROFILE!r}")
    return outputs[target]


def duckdb_path(profiles_dir: Path | None, target: str = "duckdb") -> Path:
    output = read_target(profiles_dir, target)
    if output.get("type") != "duckdb" or not output.get("path"):
        raise UsageError(f"target {target!r} is not a DuckDB target with a path")
    return Path(output["path"])
