# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Does rotation pay? A randomised comparison.

Each rotation run keeps a share of the leads it would hand out in the pool, drawn
at random, and writes who was kept on the audit log. Months later, the leads
handed out and the leads kept back are two comparable groups: the difference of
their conversion (and revenue per lead) is what rotation brings.

The draw is a keyed hash of the run's seed and the lead: anyone can redo it from
the seed written on the run and check that the leads kept back are exactly the
ones the draw gives, so nobody can pick which leads to keep.
"""

import hashlib
import math
from typing import NamedTuple

_SPACE = 2**64
Z95 = 1.959963984540054  # two-sided 95 %


def draw(seed, lead_id):
    """A number in [0, 1) fixed by the seed and the lead."""
    digest = hashlib.blake2b(f"{seed}:{lead_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / _SPACE


def held_back(lead_ids, percent, seed):
    """The leads of ``lead_ids`` kept in the pool: each with probability ``percent`` %."""
    if not percent or percent <= 0:
        return set()
    share = percent / 100.0
    return {lead_id for lead_id in lead_ids if draw(seed, lead_id) < share}


class Arm(NamedTuple):
    """One group of leads: how many, how many won, revenue of the won ones and
    the sum of squares of each lead's revenue (0 for those not won)."""

    leads: int
    won: int
    revenue: float = 0.0
    revenue_sq: float = 0.0

    @property
    def conversion(self):
        return self.won / self.leads if self.leads else None

    @property
    def revenue_per_lead(self):
        return self.revenue / self.leads if self.leads else None


class Lift(NamedTuple):
    rotated: Arm
    held: Arm
    conversion_diff: float | None  # rotated minus held back, as a share
    conversion_low: float | None  # 95 % confidence interval of the difference
    conversion_high: float | None
    revenue_diff: float | None  # per lead
    revenue_low: float | None
    revenue_high: float | None

    @property
    def verdict(self):
        """'pays', 'no_effect', 'hurts' or 'too_early' (a group under 30 leads)."""
        if self.conversion_low is None or min(self.rotated.leads, self.held.leads) < 30:
            return "too_early"
        if self.conversion_low > 0:
            return "pays"
        if self.conversion_high < 0:
            return "hurts"
        return "no_effect"


def _variance(arm):
    """Sample variance of revenue per lead."""
    if arm.leads < 2:
        return None
    mean = arm.revenue / arm.leads
    return max(arm.revenue_sq - arm.leads * mean * mean, 0.0) / (arm.leads - 1)


def lift(rotated, held):
    """Difference rotated − held back of conversion (Wald interval on two
    proportions) and of revenue per lead (Welch interval), at 95 %."""
    conv = conv_low = conv_high = None
    if rotated.leads and held.leads:
        p1, p0 = rotated.conversion, held.conversion
        conv = p1 - p0
        se = math.sqrt(p1 * (1 - p1) / rotated.leads + p0 * (1 - p0) / held.leads)
        conv_low, conv_high = conv - Z95 * se, conv + Z95 * se
    rev = rev_low = rev_high = None
    var1, var0 = _variance(rotated), _variance(held)
    if var1 is not None and var0 is not None:
        rev = rotated.revenue_per_lead - held.revenue_per_lead
        se = math.sqrt(var1 / rotated.leads + var0 / held.leads)
        rev_low, rev_high = rev - Z95 * se, rev + Z95 * se
    return Lift(rotated, held, conv, conv_low, conv_high, rev, rev_low, rev_high)


def gini(values):
    """Gini index of a distribution: 0 when everyone has the same, towards 1
    when one has everything. None for nobody or nothing."""
    values = sorted(v for v in values if v is not None)
    n, total = len(values), sum(values)
    if not n or total <= 0:
        return None
    weighted = sum((i + 1) * v for i, v in enumerate(values))
    return 2.0 * weighted / (n * total) - (n + 1.0) / n
