"""dbt profiles and targets as c360 sees them: where the warehouse is, and what each layer's schema is called.

c360 reads the same profiles.yml and dbt_project.yml as dbt, so `c360 load` writes the raw schemas the dbt
sources read, and `c360 evaluate` reads the marts dbt built, for any target name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator.errors import UsageError

PROFILE = "customer360"
DUCKDB_DEFAULT_SCHEMA = "main"


@dataclass(frozen=True)
class Target:
    """One output of the customer360 profile, with the project's rule for naming schemas.

    The rule is the one macros/generate_schema_name.sql applies: production targets (the dbt var
    `production_targets`) and the embedded default (a target left on DuckDB's default schema, `main`)
    use the clean layer names (`raw_core`, `staging`, `marts`, ...); every other target prefixes them
    with its own schema (`dev_alice_marts`), so two people, or a person and production, never
    overwrite each other.
    """

    name: str
    type: str  # the adapter: duckdb or bigquery
    output: dict
    production_targets: tuple[str, ...]
    project_dir: Path

    @property
    def schema(self) -> str:
        """target.schema as dbt sees it (BigQuery calls it the dataset)."""
        default = DUCKDB_DEFAULT_SCHEMA if self.type == "duckdb" else ""
        return str(self.output.get("schema") or self.output.get("dataset") or default)

    @property
    def uses_clean_names(self) -> bool:
        return self.name in self.production_targets or self.schema == DUCKDB_DEFAULT_SCHEMA

    def layer(self, name: str) -> str:
        """The schema (BigQuery: dataset) that a layer or raw system gets on this target."""
        return name if self.uses_clean_names else f"{self.schema}_{name}"

    @property
    def duckdb_path(self) -> Path:
        """The DuckDB file; a relative path is relative to the dbt project, where dbt runs."""
        if self.type != "duckdb" or not self.output.get("path"):
            raise UsageError(f"target {self.name!r} is not a DuckDB target with a path")
        path = Path(str(self.output["path"]))
        return path if path.is_absolute() or str(path) == ":memory:" else self.project_dir / path

    @property
    def duckdb_config(self) -> dict:
        """The profile's DuckDB config_options (memory_limit, threads, temp_directory, ...), which dbt-duckdb opens
        the database with, for c360's own connections that write; a relative temp_directory is relative to the
        dbt project."""
        settings = dict(self.output.get("config_options") or {})
        temp = settings.get("temp_directory")
        if temp and not Path(str(temp)).is_absolute():
            settings["temp_directory"] = str(self.project_dir / str(temp))
        return settings


def find_profiles(profiles_dir: Path | None, project_dir: Path) -> Path:
    """profiles.yml where dbt looks for it: --profiles-dir, $DBT_PROFILES_DIR, the project, the current
    folder, then ~/.dbt."""
    if profiles_dir is not None:
        candidates = [profiles_dir]
    else:
        env = os.environ.get("DBT_PROFILES_DIR")
        candidates = [Path(env) if env else None, project_dir, Path.cwd(), Path.home() / ".dbt"]
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


def _read_yaml(path: Path, render: bool) -> dict:
    try:
        text = path.read_text()
        if render:
            text = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(text).render(env_var=_env_var)
        return yaml.safe_load(text) or {}
    except (OSError, jinja2.TemplateError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None


def production_targets(project_dir: Path) -> tuple[str, ...]:
    """The dbt var naming the targets that use the clean schema names."""
    project_file = project_dir / "dbt_project.yml"
    if not project_file.is_file():
        raise UsageError(
            f"{project_dir.resolve()} is not the customer360 dbt project (no dbt_project.yml); pass --project-dir"
        )
    targets = (_read_yaml(project_file, render=False).get("vars") or {}).get("production_targets", [])
    return tuple(str(t) for t in targets)


def read_target(target: str | None, *, project_dir: Path, profiles_dir: Path | None = None) -> Target:
    """A target of the customer360 profile by name; None means the profile's default target."""
    path = find_profiles(profiles_dir, project_dir)
    profile = _read_yaml(path, render=True).get(PROFILE) or {}
    outputs = profile.get("outputs") or {}
    name = target or profile.get("target")
    if name not in outputs:
        known = ", ".join(sorted(outputs)) or "none"
        raise UsageError(f"{path} has no target {name!r} in profile {PROFILE!r} (targets: {known})")
    output = outputs[name]
    if output.get("type") not in ("duckdb", "bigquery"):
        raise UsageError(f"target {name!r} is of type {output.get('type')!r}; c360 supports duckdb and bigquery")
    return Target(name, output["type"], output, production_targets(project_dir), project_dir)
