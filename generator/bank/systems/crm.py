"""The CRM: contacts (some unlinked to core, some duplicated), cases and tasks."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import columns, engagement, personas
from generator.bank.context import ChunkContext


def tables(ctx: ChunkContext, crm: dict) -> dict[str, pa.Table]:
    start = ctx.cal.start
    ct, cs, tk = crm["contacts"], crm["cases"], crm["tasks"]
    closed = cs["closed_day"] >= 0
    return {
        "contacts": pa.table(
            {
                "contact_id": columns.strings(ct["contact_id"]),
                "core_customer_id": columns.strings(ct["core_customer_id"]),
                "first_name": columns.strings(ct["first_name"]),
                "last_name": columns.strings(ct["last_name"]),
                "email": columns.strings(ct["email"]),
                "phone": columns.strings(ct["phone"]),
                "mailing_state": columns.strings(ct["mailing_state"]),
                "created_at": columns.timestamps(start, ct["created_day"], ct["second"]),
            }
        ),
        "cases": pa.table(
            {
                "case_id": columns.strings(cs["case_id"]),
                "contact_id": columns.strings(cs["contact_id"]),
                "category": columns.labels(cs["category"], engagement.CASE_CATEGORIES),
                "origin_channel": columns.labels(cs["channel"], personas.CHANNELS),
                "priority": columns.labels(cs["priority"], engagement.PRIORITIES),
                "status": columns.labels(cs["status"], engagement.CASE_STATUSES),
                "opened_at": columns.timestamps(start, cs["opened_day"], cs["opened_second"]),
                "closed_at": columns.timestamps(
                    start, np.maximum(cs["closed_day"], 0), cs["closed_second"], valid=closed
                ),
                "satisfaction_score": columns.optional(cs["satisfaction"], cs["satisfaction"] > 0, pa.int8()),
            }
        ),
        "tasks": pa.table(
            {
                "task_id": columns.strings(tk["task_id"]),
                "contact_id": columns.strings(tk["contact_id"]),
                "channel": columns.labels(tk["channel"], personas.CHANNELS),
                "task_type": columns.labels(tk["task_type"], engagement.TASK_TYPES),
                "subject": columns.labels(tk["subject"], engagement.TASK_SUBJECTS),
                "created_at": columns.timestamps(start, tk["created_day"], tk["second"]),
                "duration_seconds": pa.array(tk["duration_seconds"], pa.int32()),
                "outcome": columns.labels(tk["outcome"], engagement.TASK_OUTCOMES),
            }
        ),
    }
