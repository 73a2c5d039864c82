"""Branch spreadsheets: the branch list (some branches twice under a variant name) and relationship
managers' notes naming customers in free text."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import columns, mess
from generator.bank.context import RunWide


def rm_notes(notes: dict) -> pa.Table:
    return pa.table(
        {
            k: columns.strings(notes[k])
            for k in ("note_id", "branch_name", "rm_name", "customer_ref", "note_date", "note_text")
        }
    )


def branches(run: RunWide) -> pa.Table:
    """The branch list as a spreadsheet export: some branches twice under a variant name."""
    rng = np.random.default_rng([run.seed, 0xB2])
    ref = run.ref
    rows = list(range(len(ref.branches)))
    rows += [i for i in rows if rng.random() < mess.BRANCH_DUPLICATE_ROW_RATE]
    names = [b["branch_name"] for b in ref.branches]
    pick = np.array(rows)
    variant = mess.branch_name_variants(rng, names, pick)
    variant[: len(ref.branches)] = [names[i] for i in range(len(ref.branches))]
    opened = mess.format_dates(
        rng,
        np.array([ref.branches[i]["opened_date"] for i in rows], dtype="datetime64[D]"),
        mess.NOTE_DATE_WEIGHTS,
    )
    code_missing = (np.arange(len(rows)) >= len(ref.branches)) & (
        rng.random(len(rows)) < mess.BRANCH_DUPLICATE_CODE_MISSING_RATE
    )
    table = pa.table(
        {
            "sheet_row": pa.array(np.arange(2, len(rows) + 2), pa.int32()),  # row 1 holds the headers
            "branch_code": pa.array(
                [None if m else ref.branches[i]["branch_code"] for i, m in zip(rows, code_missing, strict=True)],
                pa.string(),
            ),
            "branch_name": pa.array(variant.tolist(), pa.string()),
            "address": pa.array([ref.branches[i]["address_line"] for i in rows], pa.string()),
            "city_state": pa.array(
                [f"{ref.branches[i]['city']}, {ref.branches[i]['state']}" for i in rows], pa.string()
            ),
            "phone": pa.array([f"({ref.branches[i]['area_code']}) 555-01{10 + i:02d}" for i in rows], pa.string()),
            "opened": pa.array(opened.tolist(), pa.string()),
            "relationship_managers": pa.array(["; ".join(run.rm_names[i]) for i in rows], pa.string()),
        }
    )
    return table
