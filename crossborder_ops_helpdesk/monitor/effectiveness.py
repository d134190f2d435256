# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Did a corrective action make the problem rarer?"""


def weekly_rate(count, days):
    return round(7.0 * count / days, 2) if days > 0 else 0.0


def verdict(before_count, after_count, days, min_drop_percent=50.0):
    """('effective' | 'not_effective', before rate, after rate) over two windows
    of ``days`` days before and after the action was done. Effective when the
    weekly rate drops by at least ``min_drop_percent``."""
    before = weekly_rate(before_count, days)
    after = weekly_rate(after_count, days)
    if before == 0:
        return ("effective" if after == 0 else "not_effective"), before, after
    drop = 100.0 * (before - after) / before
    return ("effective" if drop >= min_drop_percent else "not_effective"), before, after
