# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Size conversion between US, UK, EU, CN and JP from a chart of equivalent rows."""

SYSTEMS = ("us", "uk", "eu", "cn", "jp")


def _norm(value):
    return str(value or "").strip().upper().replace(" ", "")


def convert(rows, system, value):
    """``rows``: list of dicts {us, uk, eu, cn, jp, label} for one category.
    Returns the matching row (a dict), or None.

    A size is looked up in the chart of ``system`` first (e.g. CN 175/92A), then
    among the letter sizes that chart labels its rows with (a CN chart labels
    175/92A as L, so CN "M" is the row labelled M)."""
    wanted = _norm(value)
    if not wanted:
        return None
    for row in rows:
        cell = _norm(row.get(system))
        if cell and (cell == wanted or wanted in cell.split("/")):
            return row
    for row in rows:
        if row.get(system) and _norm(row.get("label")) == wanted:
            return row
    return None


def sentence(row, system, value):
    """ "CN M (170/88A) = US M, UK 38, ..." for the row found for ``value``."""
    own = row.get(system)
    if own and _norm(own) != _norm(value):
        asked = f"{system.upper()} {value} ({own})"
    else:
        label = f" ({row['label']})" if row.get("label") else ""
        asked = f"{system.upper()} {value}{label}"
    parts = [f"{name.upper()} {row[name]}" for name in SYSTEMS if name != system and row.get(name)]
    return f"{asked} = " + ", ".join(parts)
