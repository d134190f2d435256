# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scores of skill tests: rubric grading by several reviewers, final score,
ranking, and which applicants missed their deadline."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Criterion:
    criterion_id: int
    weight: float
    max_score: float


def rubric_percent(criteria, grades):
    """Weighted rubric score in percent.

    ``grades``: {criterion_id: [score by each reviewer]}. Each criterion counts
    the average of its reviewers, normalised by its maximum, times its weight.
    Returns None while a criterion has no grade yet.
    """
    if not criteria:
        return None
    total_weight = sum(c.weight for c in criteria)
    if total_weight <= 0:
        return None
    achieved = 0.0
    for criterion in criteria:
        scores = grades.get(criterion.criterion_id)
        if not scores:
            return None
        average = sum(scores) / len(scores)
        achieved += criterion.weight * average / criterion.max_score
    return round(100.0 * achieved / total_weight, 2)


def final_percent(auto_percent, rubric, rubric_share):
    """Combine the automatic score of closed questions with the rubric.

    ``rubric_share`` (0-100) is the weight of the rubric; missing parts fall back
    to the other one.
    """
    if rubric is None and auto_percent is None:
        return None
    if rubric is None:
        return round(auto_percent, 2)
    if auto_percent is None:
        return round(rubric, 2)
    share = rubric_share / 100.0
    return round(rubric * share + auto_percent * (1 - share), 2)


@dataclass(frozen=True)
class Candidate:
    applicant_id: int
    score: float | None
    minutes_used: float | None
    screening_ok: bool


def rank(candidates):
    """Best first: graded before ungraded, higher score, screening passed, less
    time used, then the earliest application (lowest id)."""
    ordered = sorted(
        candidates,
        key=lambda c: (
            c.score is None,
            -(c.score or 0.0),
            not c.screening_ok,
            c.minutes_used if c.minutes_used is not None else float("inf"),
            c.applicant_id,
        ),
    )
    return {c.applicant_id: position for position, c in enumerate(ordered, start=1)}


@dataclass(frozen=True)
class Invitation:
    invitation_id: int
    deadline: datetime
    submitted_at: datetime | None


def late(invitations, now):
    """Invitations whose test was not submitted by the deadline (a submission at
    the deadline itself is in time), once the deadline has passed."""
    return [
        inv.invitation_id
        for inv in invitations
        if (inv.submitted_at is None and now > inv.deadline)
        or (inv.submitted_at is not None and inv.submitted_at > inv.deadline)
    ]
