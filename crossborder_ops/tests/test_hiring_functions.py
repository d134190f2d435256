# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..hiring.scoring import (
    Candidate,
    Criterion,
    Invitation,
    final_percent,
    late,
    rank,
    rubric_percent,
)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestScoringFunctions(BaseCase):
    def test_rubric_averages_reviewers_and_weights(self):
        criteria = [Criterion(1, weight=3, max_score=5), Criterion(2, weight=1, max_score=10)]
        # criterion 1: reviewers give 4 and 2 -> 3/5; criterion 2: 10 -> 10/10
        self.assertEqual(rubric_percent(criteria, {1: [4, 2], 2: [10]}), 70.0)
        self.assertIsNone(rubric_percent(criteria, {1: [4]}), "criterion 2 not graded yet")

    def test_final_score_mixes_rubric_and_automatic(self):
        self.assertEqual(final_percent(100.0, 50.0, 60), 70.0)
        self.assertEqual(final_percent(None, 50.0, 60), 50.0)
        self.assertEqual(final_percent(80.0, None, 60), 80.0)
        self.assertIsNone(final_percent(None, None, 60))

    def test_rank(self):
        positions = rank(
            [
                Candidate(1, 80.0, 30, True),
                Candidate(2, 90.0, 50, False),
                Candidate(3, 80.0, 20, True),
                Candidate(4, None, None, True),
                Candidate(5, 80.0, 20, False),
            ]
        )
        self.assertEqual(positions, {2: 1, 3: 2, 1: 3, 5: 4, 4: 5})

    def test_late_boundary(self):
        deadline = datetime(2026, 11, 2, 12, 0, 0)
        now = deadline + timedelta(hours=1)
        invitations = [
            Invitation(1, deadline, deadline - timedelta(seconds=1)),
            Invitation(2, deadline, deadline + timedelta(seconds=1)),
            Invitation(3, deadline, None),
            Invitation(4, deadline, deadline),
        ]
        self.assertEqual(late(invitations, now), [2, 3])
        self.assertEqual(late([Invitation(5, deadline, None)], deadline), [], "not yet past")
