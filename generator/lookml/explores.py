"""Explores, with joins derived from dbt `relationships` tests.

An explore starts at a model (every fact, and any model whose meta says `looker: {explore: true}`) and
joins each model its foreign keys point at, many-to-one, then what those point at in turn
(fact -> account -> product). A model reached twice is joined once, by the shortest path; a model
one model points at through two keys (two dates) is joined twice under names taken from the keys.
A model's meta can drop joins (`looker: {exclude_joins: [...]}`) or state them outright
(`looker: {joins: [{name, from, sql_on, relationship}]}`).
"""

from __future__ import annotations

import re
from collections import deque

from generator.errors import UsageError
from generator.lookml.dbt_project import Model, Project
from generator.lookml.views import view_label


def has_explore(model: Model) -> bool:
    choice = model.meta.get("explore")
    return choice if isinstance(choice, bool) else model.name.startswith("fact_")


def _join_name(base: str, column: str, parent: str, taken: set[str]) -> str:
    if parent not in taken:
        return parent
    # The same model reached through another key: name the join after the key (due_date_key -> due_date).
    name = re.sub(r"_key$", "", column)
    if name in taken:
        raise UsageError(
            f"explore {base}: cannot name a second join to {parent} (tried {name!r}); set meta.looker.joins"
        )
    return name


def build_explore(project: Project, base: Model) -> dict:
    excluded = set(base.meta.get("exclude_joins", []))
    joins: list[dict] = []
    joined = {base.name}
    queue = deque([(base.name, base)])  # (name the model is joined under, model)
    while queue:
        alias, model = queue.popleft()
        for rel in model.relationships:
            parent = project.models.get(rel.parent)
            if parent is None or rel.parent in excluded:
                continue  # not exposed to Looker, or dropped by meta
            if rel.parent in joined and not (alias == base.name and _reached_directly_twice(base, rel.parent)):
                continue
            name = _join_name(base.name, rel.column, rel.parent, joined)
            join = {"name": name}
            if name != rel.parent:
                join["from"] = rel.parent
                join["view_label"] = f"{view_label(parent)} ({name.replace('_', ' ')})"
            join.update(
                {
                    "type": "left_outer",
                    "relationship": "many_to_one",
                    "sql_on": f"${{{alias}.{rel.column}}} = ${{{name}.{rel.parent_column}}}",
                }
            )
            joins.append(join)
            joined.add(name)
            joined.add(rel.parent)
            queue.append((name, parent))
    for override in base.meta.get("joins", []):
        if not {"name", "sql_on", "relationship"} <= set(override):
            raise UsageError(f"{base.name}: meta.looker.joins entries need name, sql_on and relationship")
        joins = [j for j in joins if j["name"] != override["name"]]
        joins.append({"name": override["name"], "type": override.get("type", "left_outer"), **override})
    explore = {"name": base.name, "label": base.meta.get("explore_label") or view_label(base)}
    if base.description:
        explore["description"] = " ".join(base.description.split())
    if joins:
        explore["joins"] = joins
    return explore


def _reached_directly_twice(base: Model, parent: str) -> bool:
    return sum(1 for r in base.relationships if r.parent == parent) > 1
