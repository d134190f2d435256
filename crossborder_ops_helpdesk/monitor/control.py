# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Is a problem rate out of the ordinary? A p-chart on one key's own history.

For one key (a cause on one product, carrier or destination country) the history
is a list of periods, oldest first, each with the problems seen (x) and the
opportunities to have them (n: shipped order lines). The centre line of a period
is the rate of every period before it, p = sum(x) / sum(n); its upper control
limit p + 3 * sqrt(p * (1 - p) / n). A period signals when its rate is above its
upper limit and it has at least ``floor`` problems (the fixed count of the
settings stays the floor: never fewer problems than that). A period without any
shipment before it (or without shipments itself) has no limit: it never signals,
and ``recurs`` lets the fixed count alone decide there, as without rates.
"""

from dataclasses import dataclass
from datetime import timedelta
from math import sqrt


@dataclass(frozen=True)
class Period:
    problems: int
    opportunities: int


@dataclass(frozen=True)
class ChartPoint:
    index: int
    problems: int
    opportunities: int
    rate: float | None  # None without opportunities
    centre: float | None  # None without a baseline
    upper: float | None
    lower: float | None
    signal: bool  # past its upper limit, with at least the fixed count of problems
    without_limit: bool  # no baseline or no shipments: the rate cannot be judged


def chart(history, floor=1):
    """One ChartPoint per period of ``history`` (Period or (x, n) pairs)."""
    if floor < 1:
        raise ValueError("the floor is at least one problem")
    points = []
    base_x = base_n = 0
    for index, period in enumerate(history):
        x, n = (period.problems, period.opportunities) if isinstance(period, Period) else period
        if x < 0 or n < 0:
            raise ValueError("problems and opportunities are counts, never negative")
        rate = x / n if n else None
        centre = upper = lower = None
        if base_n:
            centre = base_x / base_n
            if n:
                spread = 3 * sqrt(max(centre * (1 - centre), 0.0) / n)
                upper, lower = centre + spread, max(centre - spread, 0.0)
        without_limit = upper is None
        signal = not without_limit and x >= floor and rate > upper
        points.append(ChartPoint(index, x, n, rate, centre, upper, lower, signal, without_limit))
        base_x += x
        base_n += n
    return points


def first_signal(history, floor=1):
    """Index of the first period past its upper limit (None when none is)."""
    return next((point.index for point in chart(history, floor) if point.signal), None)


def recurs(history, floor=1):
    """Does the last period of ``history`` open a recurrence? When it is past its
    limit; when it has no limit to judge it by, when it reaches the fixed count."""
    last = chart(history, floor)[-1]
    return last.signal or (last.without_limit and last.problems >= floor)


def periods_ending(end, days, count):
    """``count`` consecutive periods of ``days`` days, oldest first, the last one
    ending at ``end`` (excluded): [(start, stop), ...]."""
    if days <= 0 or count <= 0:
        raise ValueError("periods last at least one day and there is at least one")
    span = timedelta(days=days)
    return [(end - span * (count - i), end - span * (count - i - 1)) for i in range(count)]
