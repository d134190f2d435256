# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two reviewers grading the same submitted test at the same moment, from two
servers: each saw the other's criterion still ungraded, so the test stayed "to
grade" with every criterion graded (the applicant without score nor rank), or
went "graded" with a score that missed a colleague's grade, or a reviewer who
graded every criterion was not counted as done."""

from odoo import api
from odoo.tests import tagged

from .race_common import HiringRaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestGradingRace(HiringRaceCase):
    def _grader(self, scores):
        """Grade the test in the grading wizard: ``scores`` {criterion index: score},
        the other lines left blank."""

        def grade(env):
            invitation = env["crossborder.skill.test.invitation"].browse(self.ids["invitation"])
            wizard = env["crossborder.grading.wizard"].browse(invitation.action_grade()["res_id"])
            for index, score in scores.items():
                wizard.line_ids.filtered(
                    lambda line, index=index: line.criterion_id.id == self.ids["criteria"][index]
                ).score = str(score)
            wizard.action_save()

        return grade

    def _grade_before(self, reviewer, scores):
        with self.registry.cursor() as cr:
            self._grader(scores)(api.Environment(cr, self.ids[reviewer], {}))

    def _invitation(self):
        return self._read(
            "SELECT state, rubric_score, reviewer_count FROM crossborder_skill_test_invitation "
            "WHERE id = %s",
            [self.ids["invitation"]],
        )

    def _graded_by(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT array_agg(user_id ORDER BY user_id) "
                "FROM crossborder_invitation_graded_by_rel WHERE invitation_id = %s",
                [self.ids["invitation"]],
            )
            return cr.fetchone()[0] or []

    def test_last_two_grades_given_at_once_make_the_test_graded(self):
        """A recruitment officer and a reviewer graded the first criterion; then the
        officer grades the second while the reviewer grades the third: every
        criterion has a grade, the test is graded."""
        self._grade_before("officer", {0: 4})
        self._grade_before("reviewer_b", {0: 2})
        outcome = self._race(
            self._grader({1: 5}),
            self._grader({2: 1}),
            self.ids["officer"],
            self.ids["reviewer_b"],
        )
        self.assertIsNone(outcome["error"])
        # criterion 1: (4 + 2) / 2 of 5, weight 300; 2: 5 of 5, weight 200; 3: 1 of 5, 100
        expected = round(100 * (300 * 0.6 + 200 * 1.0 + 100 * 0.2) / 600, 2)
        self.assertEqual(self._invitation(), ("graded", expected, 2))
        self.assertEqual(
            self._read(
                "SELECT test_graded FROM hr_applicant WHERE id = %s", [self.ids["applicant"]]
            ),
            (True,),
            "the applicant has his score and his rank",
        )
        self.assertTrue(outcome["blocked"], "waited for the officer (pg_locks)")

    def test_grade_given_while_a_colleague_completes_the_test_counts(self):
        """The officer grades the second criterion while the reviewer grades the
        second and the third (the last ones missing): the score averages the
        officer's grade in."""
        self._grade_before("officer", {0: 4})
        self._grade_before("reviewer_b", {0: 2})
        outcome = self._race(
            self._grader({1: 1}),
            self._grader({1: 5, 2: 5}),
            self.ids["officer"],
            self.ids["reviewer_b"],
        )
        self.assertIsNone(outcome["error"])
        # criterion 1: (4 + 2) / 2 of 5; 2: (1 + 5) / 2 of 5; 3: 5 of 5
        expected = round(100 * (300 * 0.6 + 200 * 0.6 + 100 * 1.0) / 600, 2)
        self.assertEqual(self._invitation(), ("graded", expected, 2))
        self.assertTrue(outcome["blocked"], "waited for the officer (pg_locks)")

    def test_reviewer_grading_in_two_tabs_is_done(self):
        """The officer grades the second criterion in one tab and the third in
        another (on two servers), the first one graded before: he graded every
        criterion, he is counted among the reviewers done."""
        self._grade_before("officer", {0: 4})
        self._grade_before("reviewer_b", {0: 2})
        outcome = self._race(
            self._grader({1: 3}),
            self._grader({2: 3}),
            self.ids["officer"],
            self.ids["officer"],
        )
        self.assertIsNone(outcome["error"])
        self.assertEqual(self._graded_by(), [self.ids["officer"]])
        self.assertEqual(self._invitation()[0], "graded")
        self.assertTrue(outcome["blocked"], "the second tab waited for the first (pg_locks)")

    def test_same_criterion_graded_in_two_tabs_keeps_one_grade(self):
        """A reviewer grades the same criterion in two tabs at once: one grade (the
        unique index already saw to it; the second tab now saves over the first)."""
        outcome = self._race(
            self._grader({0: 1}),
            self._grader({0: 4}),
            self.ids["reviewer_a"],
            self.ids["reviewer_a"],
        )
        self.assertEqual(
            self._read(
                "SELECT count(*), max(score) FROM crossborder_grade WHERE invitation_id = %s",
                [self.ids["invitation"]],
            ),
            (1, 1.0 if outcome["error"] else 4.0),
        )
        self.assertTrue(outcome["blocked"], "the second tab waited for the first (pg_locks)")
