"""A Looker project read from disk, the way Looker reads it: views with their refinements folded in,
explores (generated and hand-written, refinements folded in), LookML data tests, constants, and
dashboards (`.dashboard.lookml`, plain YAML that `lkml` does not parse).

Every problem is a LookMLError naming the file, so `c360 lookml validate` can report it in one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lkml
import yaml

FIELD_KINDS = ("dimensions", "dimension_groups", "measures", "filters", "parameters")
CONSTANT = re.compile(r"@\{(\w+)\}")


class LookMLError(Exception):
    """A LookML problem, reported as one line."""


@dataclass
class Dashboard:
    name: str
    path: Path
    spec: dict  # the dashboard's YAML mapping (title, layout, tabs, filters, elements)

    @property
    def elements(self) -> list[dict]:
        return self.spec.get("elements") or []

    @property
    def filters(self) -> list[dict]:
        return self.spec.get("filters") or []

    @property
    def tabs(self) -> list[dict]:
        return self.spec.get("tabs") or []


@dataclass
class LookerProject:
    root: Path
    model_name: str
    views: dict[str, dict] = field(default_factory=dict)
    explores: dict[str, dict] = field(default_factory=dict)
    tests: list[dict] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)
    dashboards: dict[str, Dashboard] = field(default_factory=dict)
    origin: dict[str, Path] = field(default_factory=dict)  # "view:name" / "explore:name" / "test:name" -> file

    def file_of(self, kind: str, name: str) -> str:
        path = self.origin.get(f"{kind}:{name}")
        return path.relative_to(self.root).as_posix() if path else "?"

    def constant(self, text: str) -> str:
        """`@{name}` constants substituted, as Looker does before anything else."""

        def value(match: re.Match) -> str:
            if match.group(1) not in self.constants:
                raise LookMLError(f"constant @{{{match.group(1)}}} is not defined in manifest.lkml")
            return self.constants[match.group(1)]

        return CONSTANT.sub(value, text)


def pii_columns(project: LookerProject, view_name: str, grant: str = "can_see_pii") -> set[str]:
    """The warehouse columns behind a view's fields that need the PII access grant."""
    columns = set()
    view = project.views.get(view_name, {})
    for item in view.get("dimensions", []) + view.get("dimension_groups", []):
        if grant in (item.get("required_access_grants") or []):
            match = re.search(r"\$\{TABLE\}\.(\w+)", item.get("sql", ""))
            columns.add(match.group(1) if match else item["name"])
    return columns


def _parse_lkml(path: Path, root: Path) -> dict:
    try:
        return lkml.load(path.read_text())
    except Exception as exc:  # lkml raises SyntaxError and others, with the line in the message
        raise LookMLError(f"{path.relative_to(root)}: does not parse ({' '.join(str(exc).split())})") from None


def _parse_dashboards(path: Path, root: Path) -> list[dict]:
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise LookMLError(f"{path.relative_to(root)}: does not parse as YAML ({' '.join(str(exc).split())})") from None
    if not isinstance(loaded, list) or not all(isinstance(d, dict) and d.get("dashboard") for d in loaded):
        raise LookMLError(f"{path.relative_to(root)}: a dashboard file is a YAML list of `- dashboard: name` entries")
    return loaded


def _fold(base: dict, refinement: dict) -> None:
    """A refinement adds fields and parameters; a field it names again is updated, not duplicated."""
    for key, value in refinement.items():
        if key == "name":
            continue
        if key in FIELD_KINDS or key == "joins":
            existing = {item["name"]: item for item in base.setdefault(key, [])}
            for item in value:
                if item["name"] in existing:
                    existing[item["name"]].update(item)
                else:
                    base[key].append(item)
        else:
            base[key] = value


def load_project(root: Path, model_name: str = "customer360") -> LookerProject:
    """Every .lkml file and every .dashboard.lookml under root."""
    if not root.is_dir():
        raise LookMLError(f"{root}: no such LookML folder")
    project = LookerProject(root=root, model_name=model_name)
    refinements: list[tuple[str, dict, Path]] = []
    for path in sorted(root.rglob("*.lkml")):
        parsed = _parse_lkml(path, root)
        for constant in parsed.get("constants", []):
            project.constants[constant["name"]] = constant["value"]
        for kind, key, target in (("view", "views", project.views), ("explore", "explores", project.explores)):
            for item in parsed.get(key, []):
                if item["name"].startswith("+"):
                    refinements.append((kind, item, path))
                elif item["name"] in target:
                    raise LookMLError(
                        f"{path.relative_to(root)}: {kind} {item['name']} is already defined in "
                        f"{project.file_of(kind, item['name'])}"
                    )
                else:
                    target[item["name"]] = item
                    project.origin[f"{kind}:{item['name']}"] = path
        for test in parsed.get("tests", []):
            if any(t["name"] == test["name"] for t in project.tests):
                raise LookMLError(f"{path.relative_to(root)}: test {test['name']} is defined twice")
            project.tests.append(test)
            project.origin[f"test:{test['name']}"] = path
    for kind, refinement, path in refinements:
        target = project.views if kind == "view" else project.explores
        name = refinement["name"][1:]
        if name not in target:
            raise LookMLError(f"{path.relative_to(root)}: refinement +{name} refines no {kind}")
        _fold(target[name], refinement)
    for path in sorted(root.rglob("*.dashboard.lookml")):
        for spec in _parse_dashboards(path, root):
            name = str(spec["dashboard"])
            if name in project.dashboards:
                raise LookMLError(f"{path.relative_to(root)}: dashboard {name} is defined twice")
            project.dashboards[name] = Dashboard(name, path, spec)
    return project
