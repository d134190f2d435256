# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Caps that follow results: a tier's private cap may grow with a salesperson's
conversion and shrink with his hoarding (held leads nobody follows up), within
the bounds a manager sets, and say why."""

from typing import NamedTuple


class CapRule(NamedTuple):
    base: int
    minimum: int
    maximum: int
    step: int  # leads per 10 points away from the reference
    reference_conversion: float  # % at which the base cap applies
    reference_hoarding: float  # % of idle leads tolerated before the cap shrinks


def _steps(points, step):
    """Whole steps of ``step`` leads per 10 points, rounded towards zero."""
    return int(points / 10.0 * step)


def results_cap(rule, conversion, hoarding):
    """(cap, bonus, penalty): ``conversion`` and ``hoarding`` in %, or None when
    there is nothing to measure (no lead closed, no lead held)."""
    bonus = (
        _steps(conversion - rule.reference_conversion, rule.step) if conversion is not None else 0
    )
    penalty = (
        _steps(max(hoarding - rule.reference_hoarding, 0.0), rule.step)
        if hoarding is not None
        else 0
    )
    cap = min(max(rule.base + bonus - penalty, rule.minimum), rule.maximum)
    return cap, bonus, penalty
