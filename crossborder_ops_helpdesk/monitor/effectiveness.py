# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Did a corrective action make the problem rarer?

Only tickets already classified count. With shipments (the sales addon) the
windows compare problems per 1,000 shipped order lines; without, weekly counts.
When a window cannot say (too few shipments, the window after not over yet, too
many tickets of the window after still unclassified) the verdict is
"not_enough_data", with the reason.
"""

from dataclasses import dataclass

EFFECTIVE = "effective"
NOT_EFFECTIVE = "not_effective"
NOT_ENOUGH_DATA = "not_enough_data"


def weekly_rate(count, days):
    return round(7.0 * count / days, 2) if days > 0 else 0.0


def verdict(before_count, after_count, days, min_drop_percent=50.0):
    """('effective' | 'not_effective', before rate, after rate) over two windows
    of ``days`` days before and after the action was done. Effective when the
    weekly rate drops by at least ``min_drop_percent``."""
    before = weekly_rate(before_count, days)
    after = weekly_rate(after_count, days)
    return _compare(before, after, min_drop_percent), before, after


def _compare(before, after, min_drop_percent):
    if before == 0:
        return EFFECTIVE if after == 0 else NOT_EFFECTIVE
    drop = 100.0 * (before - after) / before
    return EFFECTIVE if drop >= min_drop_percent else NOT_EFFECTIVE


@dataclass(frozen=True)
class Window:
    problems: int  # classified tickets of the cause in the window
    shipments: int | None = None  # shipped order lines; None without sales
    unclassified: int = 0  # after-sales tickets of the scope still without a cause
    scope_total: int | None = None  # after-sales tickets of the scope, with a cause or not
    complete: bool = True  # the window is over


@dataclass(frozen=True)
class Assessment:
    result: str
    rate_before: float
    rate_after: float
    unit: str  # "week" (problems per week) or "thousand" (per 1,000 shipped lines)
    reason: str = ""  # code of the reason when result is NOT_ENOUGH_DATA
    values: tuple = ()  # (name, value) pairs the reason is written with


def rate_per_thousand(problems, shipments):
    return round(1000.0 * problems / shipments, 2) if shipments else 0.0


def assess(
    before,
    after,
    days,
    min_drop_percent=50.0,
    min_shipments=100,
    max_unclassified_percent=20.0,
):
    """Compare two windows of ``days`` days (``Window``). Reasons, checked in
    this order: "incomplete", "few_shipments_before", "few_shipments_after",
    "unclassified", "no_problems" (none before nor after: nothing fell)."""
    with_rates = before.shipments is not None and after.shipments is not None
    if with_rates:
        unit = "thousand"
        rate_before = rate_per_thousand(before.problems, before.shipments)
        rate_after = rate_per_thousand(after.problems, after.shipments)
    else:
        unit = "week"
        rate_before = weekly_rate(before.problems, days)
        rate_after = weekly_rate(after.problems, days)

    def not_enough(reason, **values):
        return Assessment(
            NOT_ENOUGH_DATA, rate_before, rate_after, unit, reason, tuple(sorted(values.items()))
        )

    if not after.complete:
        return not_enough("incomplete")
    if with_rates:
        if before.shipments < min_shipments:
            return not_enough("few_shipments_before", count=before.shipments, min=min_shipments)
        if after.shipments < min_shipments:
            return not_enough("few_shipments_after", count=after.shipments, min=min_shipments)
    seen = after.scope_total if after.scope_total is not None else after.problems
    seen = max(seen, after.unclassified)
    if seen and 100.0 * after.unclassified / seen > max_unclassified_percent:
        return not_enough(
            "unclassified", count=after.unclassified, total=seen, max=max_unclassified_percent
        )
    if not before.problems and not after.problems:
        return not_enough("no_problems")
    return Assessment(
        _compare(rate_before, rate_after, min_drop_percent), rate_before, rate_after, unit
    )
