# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Does a part of the skill test predict how the hire turns out?

Plain data in, plain words out: the applicants who did well on the factor (the
test passed, or a rubric criterion graded at least 60 % of its maximum on
average) against the others, on one outcome (trial confirmed, still employed
after 4 months)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    high_n: int  # did well on the factor, with a known outcome
    high_ok: int  # ... and succeeded
    low_n: int
    low_ok: int

    @property
    def n(self):
        return self.high_n + self.low_n

    @property
    def high_rate(self):
        return 100.0 * self.high_ok / self.high_n if self.high_n else None

    @property
    def low_rate(self):
        return 100.0 * self.low_ok / self.low_n if self.low_n else None

    @property
    def gap(self):
        """Points of success the factor adds (None while one side is empty)."""
        if self.high_rate is None or self.low_rate is None:
            return None
        return self.high_rate - self.low_rate


def verdict(split, min_sample, min_gap):
    """'too_few', 'predicts', 'against' (those who did well do worse) or 'no'."""
    if split.n < min_sample or split.gap is None:
        return "too_few"
    if split.gap >= min_gap:
        return "predicts"
    if split.gap <= -min_gap:
        return "against"
    return "no"
