"""The one exception type the CLI turns into a one-line message and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path


class UsageError(Exception):
    """Bad input from the user: reported as one line, never as a traceback."""


def read_json(path: Path, missing: str, fix: str) -> dict:
    """A JSON file the user points at: `missing` says what to do when it is absent, `fix` when it is
    not valid JSON. Either is a UsageError."""
    if not path.is_file():
        raise UsageError(missing)
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not valid JSON ({exc.msg}); {fix}") from None
