"""Looker filter expressions turned into SQL conditions, with every user-supplied value a query parameter.

The subset the dashboards and tests use, per field type (anything else is a LookMLError, never a guess):

- string:  `a,b` (either), `-a` (not a), `%ab%` / `ab%` (LIKE), `NULL`, `-NULL`, `EMPTY`, `-EMPTY`;
           `^,` and `^-` escape a literal comma or leading minus
- number:  `5`, `1,2`, `>5`, `>=5`, `<5`, `<=5`, `!=5`, `NOT 5`, `[1,10]`, `(1,10)`, `[1,10)`, `NULL`, `NOT NULL`
- yesno:   `yes`, `no`
- date:    `2025`, `2025-06`, `2025-06-30` (that year, month or day), `A to B` (from A, before B),
           `after A` (from A), `before A`, `NULL`, `NOT NULL`

An empty expression (or `-` alone, Looker's "is any value") means no condition.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.lookml.project import LookMLError


@dataclass
class Params:
    """Query parameters in the dialect's placeholder style: DuckDB `$p0`, BigQuery `@p0`."""

    dialect: str
    values: dict[str, object] = field(default_factory=dict)

    def add(self, value: object) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f"@{name}" if self.dialect == "bigquery" else f"${name}"


def _split(expression: str) -> list[str]:
    """Comma-separated terms, with `^,` an escaped comma (other `^` escapes are left for the caller)."""
    parts, current, escaped = [], "", False
    for char in expression:
        if escaped:
            current += char if char == "," else f"^{char}"
            escaped = False
        elif char == "^":
            escaped = True
        elif char == ",":
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _string(expr: str, expression: str, params: Params) -> str:
    include, exclude = [], []
    for term in _split(expression):
        negate = term.startswith("-")
        value = term[1:] if negate or term.startswith("^-") else term
        if value == "NULL":
            sql = f"{expr} IS NULL"
        elif value == "EMPTY":
            sql = f"({expr} IS NULL OR {expr} = '')"
        elif "%" in value:
            sql = f"{expr} LIKE {params.add(value)}"
        else:
            sql = f"{expr} = {params.add(value)}"
        (exclude if negate else include).append(sql)
    parts = []
    if include:
        parts.append("(" + " OR ".join(include) + ")")
    if exclude:
        # Looker's "is not" keeps NULLs unless NULL itself is excluded.
        parts += [f"NOT COALESCE({sql}, FALSE)" for sql in exclude]
    return " AND ".join(parts)


_NUMBER = r"-?\d+(?:\.\d+)?"
_COMPARISON = re.compile(rf"^(>=|<=|!=|<>|>|<|=|NOT )?\s*({_NUMBER})$")
_INTERVAL = re.compile(rf"^([\[(])\s*({_NUMBER})\s*,\s*({_NUMBER})\s*([\])])$")


def _number_value(text: str) -> float | int:
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def _nullness(expr: str, text: str) -> str | None:
    """`NULL` and `NOT NULL`, which number and date filters share."""
    return {"NULL": f"{expr} IS NULL", "NOT NULL": f"{expr} IS NOT NULL"}.get(text.upper())


def _number(expr: str, expression: str, params: Params) -> str:
    text = expression.strip()
    if _nullness(expr, text):
        return _nullness(expr, text)
    interval = _INTERVAL.match(text)
    if interval:
        low, high = _number_value(interval.group(2)), _number_value(interval.group(3))
        left = ">=" if interval.group(1) == "[" else ">"
        right = "<=" if interval.group(4) == "]" else "<"
        return f"({expr} {left} {params.add(low)} AND {expr} {right} {params.add(high)})"
    terms = []
    for term in _split(text):
        match = _COMPARISON.match(term)
        if not match:
            raise LookMLError(f"number filter {expression!r} is not a Looker expression this compiler understands")
        operator = {None: "=", "NOT ": "!=", "<>": "!="}.get(match.group(1), match.group(1))
        terms.append(f"{expr} {operator} {params.add(_number_value(match.group(2)))}")
    return "(" + " OR ".join(terms) + ")"


def _period(text: str) -> tuple[dt.date, dt.date]:
    """A year, month or day as [start, end)."""
    text = text.strip().replace("/", "-")
    try:
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            start = dt.date.fromisoformat(f"{text}-01")
            return start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        day = dt.date.fromisoformat(text)
        return day, day + dt.timedelta(days=1)
    except ValueError:
        raise LookMLError(f"date {text!r} is not a year, month or day this compiler understands") from None


def _date(expr: str, expression: str, params: Params) -> str:
    text = expression.strip()
    if _nullness(expr, text):
        return _nullness(expr, text)
    lowered = text.lower()
    if " to " in lowered:
        start_text, end_text = re.split(r"\s+to\s+", text, maxsplit=1, flags=re.IGNORECASE)
        start, end = _period(start_text)[0], _period(end_text)[0]
    elif lowered.startswith("after "):
        start, end = _period(text[6:])[0], None
    elif lowered.startswith("before "):
        start, end = None, _period(text[7:])[0]
    else:
        start, end = _period(text)
    parts = []
    if start is not None:
        parts.append(f"{expr} >= {params.add(start)}")
    if end is not None:
        parts.append(f"{expr} < {params.add(end)}")
    return "(" + " AND ".join(parts) + ")"


def condition(expr: str, field_type: str, expression: str | None, params: Params) -> str | None:
    """SQL for `expr` matching a Looker filter expression on a field of `field_type`; None for "any value"."""
    if expression is None:
        return None
    expression = str(expression)
    if expression.strip() in ("", "-"):
        return None
    if field_type == "yesno":
        if expression.strip().lower() not in ("yes", "no"):
            raise LookMLError(f"yesno filter {expression!r} must be yes or no")
        return f"({expr})" if expression.strip().lower() == "yes" else f"NOT COALESCE({expr}, FALSE)"
    if field_type == "number":
        return _number(expr, expression, params)
    if field_type in ("date", "time"):
        return _date(expr, expression, params)
    return _string(expr, expression, params)
