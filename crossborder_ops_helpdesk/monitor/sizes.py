# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Size conversion between US, UK, EU, CN and JP from a chart of equivalent rows."""

SYSTEMS = ("us", "uk", "eu", "cn", "jp")


def _norm(value):
    return str(value or "").strip().upper().replace(" ", "")


def convert(rows, system, value):
    """``rows``: list of dicts {us, uk, eu, cn, jp, label} for one category.
    Returns the matching row (a dict), or None."""
    wanted = _norm(value)
    for row in rows:
        cell = _norm(row.get(system))
        if cell and (cell == wanted or wanted in cell.split("/")):
            return row
    return None


def sentence(row, system, value):
    parts = [f"{name.upper()} {row[name]}" for name in SYSTEMS if name != system and row.get(name)]
    label = f" ({row['label']})" if row.get("label") else ""
    return f"{system.upper()} {value}{label} = " + ", ".join(parts)
