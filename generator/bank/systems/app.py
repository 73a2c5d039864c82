"""The digital app: users keyed by uuid and email, their sessions and events."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import columns, engagement, personas
from generator.bank.context import ChunkContext


def tables(ctx: ChunkContext, app: dict) -> tuple[dict[str, pa.Table], dict[str, np.ndarray]]:
    start = ctx.cal.start
    us, ss, ev = app["users"], app["sessions"], app["events"]
    versions = [f"5.{v}.0" for v in range(personas.APP_RELEASES)]
    uuid_list = list(us["user_uuid"])
    tables = {
        "users": pa.table(
            {
                "user_uuid": columns.strings(us["user_uuid"]),
                "email": columns.strings(us["email"]),
                "mobile_phone": columns.strings(us["mobile_phone"]),
                "registered_at": columns.timestamps(start, us["registered_day"], us["second"]),
                "device_os": columns.labels(us["device_os"], engagement.DEVICE_OS),
            }
        ),
        "sessions": pa.table(
            {
                "session_id": pa.array(ss["session_id"], pa.int64()),
                "user_uuid": columns.labels(ss["user"], uuid_list or [""]),
                "started_at": columns.timestamps(start, ss["day"], ss["second"]),
                "ended_at": columns.timestamps(start, ss["day"], ss["second"] + ss["duration"]),
                "device_os": columns.labels(ss["device_os"], engagement.DEVICE_OS),
                "app_version": columns.labels(ss["app_version"], versions),
            }
        ),
        "events": pa.table(
            {
                "event_id": pa.array(ev["event_id"], pa.int64()),
                "session_id": pa.array(ev["session_id"], pa.int64()),
                "user_uuid": columns.labels(ev["user"], uuid_list or [""]),
                "event_type": columns.labels(ev["event_type"], engagement.EVENT_TYPES),
                "event_at": columns.timestamps(start, ev["day"], ev["second"]),
            }
        ),
    }
    months = {"sessions": ctx.cal.day_month[ss["day"]], "events": ctx.cal.day_month[ev["day"]]}
    return tables, months
