# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When the same cause comes back for the same product, country or carrier."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Occurrence:
    ticket_id: int
    cause_id: int
    date: object  # datetime
    product_id: int | None = None
    country_id: int | None = None
    carrier: str | None = None


DIMENSIONS = ("product", "country", "carrier")


def carrier_key(name):
    """A carrier as recurrences compare it: its name without case or spaces
    around (None without a name). The one place carrier names are normalised."""
    return (name or "").strip().lower() or None


def key_value(occurrence, dimension):
    """The value an occurrence has for ``dimension`` (see ``carrier_key``)."""
    return {
        "product": occurrence.product_id,
        "country": occurrence.country_id,
        "carrier": carrier_key(occurrence.carrier),
    }[dimension]


def detect(occurrences, threshold, window_days, dimensions=DIMENSIONS):
    """Groups where one cause hit one product/country/carrier at least
    ``threshold`` times within ``window_days`` days.

    Returns {(cause_id, dimension, value): [ticket ids of the densest window]}.
    A window is [first, first + window_days): occurrences exactly ``window_days``
    apart are not in the same window.
    """
    if threshold < 2:
        raise ValueError("threshold must be at least 2")
    span = timedelta(days=window_days)
    groups = {}
    for occ in occurrences:
        for dimension in dimensions:
            value = key_value(occ, dimension)
            if value is not None:
                groups.setdefault((occ.cause_id, dimension, value), []).append(occ)
    found = {}
    for key, items in groups.items():
        items.sort(key=lambda o: (o.date, o.ticket_id))
        best = []
        start = 0
        for end, occ in enumerate(items):
            while occ.date - items[start].date >= span:
                start += 1
            window = items[start : end + 1]
            if len(window) > len(best):
                best = window
        if len(best) >= threshold:
            found[key] = [o.ticket_id for o in best]
    return found
