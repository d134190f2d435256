# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decisions by the people who own them (issue 11): trials are rated and decided by
their manager or HR only, hires go through recruitment officers, grades are each
reviewer's own and independent. Each test plays the attack of the issue and checks
that nothing changed after the refusal."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import HiringCase


class TrialCase(HiringCase):
    """A trainee on a trial led by his manager, opened by HR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.trainee = new_test_user(env, login="cbo_trainee", name="Tom Trainee")
        cls.manager = new_test_user(env, login="cbo_trial_manager", name="Mia Manager")
        cls.colleague = new_test_user(env, login="cbo_colleague", name="Carl Colleague")
        cls.employee = env["hr.employee"].create({"name": "Tom Trainee", "user_id": cls.trainee.id})
        cls.other_employee = env["hr.employee"].create(
            {"name": "Carl Colleague", "user_id": cls.colleague.id}
        )
        today = fields.Date.context_today(env.user)
        trial = (
            env["crossborder.trial"]
            .with_user(cls.officer)
            .create(
                {
                    "employee_id": cls.employee.id,
                    "job_id": cls.job.id,
                    "manager_id": cls.manager.id,
                    "date_start": today,
                    "date_end": today + timedelta(days=21),
                    "result_ids": [
                        (0, 0, {"name": "Answer buyers", "expected_result": "within 4 hours"})
                    ],
                    "onboarding_ids": [(0, 0, {"name": "Values explained", "kind": "values"})],
                }
            )
        )
        cls.trial = trial.with_env(env)
        cls.version = cls.employee.version_id
        cls.contract_end = cls.version.trial_date_end

    def assertUntouched(self):
        self.env.invalidate_all()
        self.assertEqual(self.trial.state, "in_progress")
        self.assertFalse(self.trial.decision)
        self.assertEqual(self.trial.manager_id, self.manager)
        self.assertEqual(self.trial.employee_id, self.employee)
        self.assertFalse(self.trial.result_ids.rating)
        self.assertFalse(self.trial.onboarding_ids.done)
        self.assertEqual(self.version.trial_date_end, self.contract_end)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialDecisions(TrialCase):
    def test_trainee_cannot_rate_nor_decide_his_trial(self):
        trial = self.trial.with_user(self.trainee)
        self.assertEqual(trial.read(["state"])[0]["state"], "in_progress", "he reads it")
        with self.assertRaises(AccessError):
            trial.result_ids.write({"rating": "met"})
        with self.assertRaises(AccessError):
            trial.onboarding_ids.write({"done": True})
        with self.assertFails(AccessError, "Only the manager of the trial of Tom Trainee or HR"):
            self.env["crossborder.trial.decision"].with_user(self.trainee).create(
                {"trial_id": trial.id, "decision": "confirm"}
            )
        with self.assertFails(AccessError, "Only the manager of the trial of Tom Trainee or HR"):
            trial._apply_decision("confirm")
        with self.assertRaises(AccessError):
            trial.write({"state": "confirmed"})
        self.assertUntouched()

    def test_trainee_cannot_make_himself_manager_nor_move_the_trial(self):
        trial = self.trial.with_user(self.trainee)
        with self.assertRaises(AccessError):
            trial.manager_id = self.trainee
        self.assertUntouched()
        # even the trial's real manager cannot point the trial at someone else
        with self.assertFails(AccessError, "Only HR change who is on a trial"):
            self.trial.with_user(self.manager).employee_id = self.other_employee
        with self.assertFails(AccessError, "Only HR change who is on a trial"):
            self.trial.with_user(self.manager).manager_id = self.colleague
        self.assertUntouched()

    def test_trainee_made_his_own_manager_still_cannot_decide(self):
        self.trial.with_user(self.officer).manager_id = self.trainee
        with self.assertRaises(AccessError):
            self.trial.with_user(self.trainee).result_ids.write({"rating": "met"})
        with self.assertRaises(AccessError):
            self.trial.with_user(self.trainee)._apply_decision("end")
        self.assertEqual(self.trial.state, "in_progress")

    def test_trainee_comments_his_trial(self):
        message = self.trial.with_user(self.trainee).message_post(
            body="The templates help a lot.", message_type="comment"
        )
        self.assertEqual(message.author_id, self.trainee.partner_id)
        self.assertUntouched()

    def test_state_and_decision_only_through_the_decision(self):
        for user in (self.manager, self.officer):
            with self.assertFails(AccessError, "only through its Decide button"):
                self.trial.with_user(user).write({"state": "confirmed", "decision": "confirm"})
        self.assertUntouched()
        with self.assertFails(AccessError, "only through its Decide button"):
            self.env["crossborder.trial"].with_user(self.officer).create(
                {
                    "employee_id": self.other_employee.id,
                    "date_start": self.trial.date_start,
                    "date_end": self.trial.date_end,
                    "state": "confirmed",
                }
            )

    def test_manager_rates_and_decides(self):
        trial = self.trial.with_user(self.manager)
        trial.checkin_note = "<p>Good start</p>"
        trial.result_ids.write({"rating": "met"})
        trial.onboarding_ids.write({"done": True})
        wizard = (
            self.env["crossborder.trial.decision"]
            .with_user(self.manager)
            .create({"trial_id": trial.id, "decision": "confirm", "note": "Reliable"})
        )
        self.assertEqual(wizard.action_apply(), {"type": "ir.actions.act_window_close"})
        self.assertEqual(self.trial.state, "confirmed")
        self.assertEqual(self.version.trial_date_end, self.trial.date_end)
        with self.assertFails(UserError, "is decided: its expected results"):
            trial.result_ids.write({"rating": "not_met"})
        self.assertEqual(self.trial.result_ids.rating, "met")

    def test_hr_decides_a_trial_he_does_not_lead(self):
        self.trial.with_user(self.officer).result_ids.write({"rating": "not_met"})
        self.trial.with_user(self.officer)._apply_decision("end", "Not a fit")
        self.assertEqual(self.trial.state, "ended")

    def test_an_unrelated_colleague_cannot_decide(self):
        with self.assertRaises(AccessError):
            self.env["crossborder.trial.decision"].with_user(self.colleague).create(
                {"trial_id": self.trial.id, "decision": "end"}
            )
        self.assertUntouched()


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHireByOfficers(HiringCase):
    def test_interviewer_cannot_link_an_employee_to_an_applicant(self):
        applicant = self._applicant("Ivan Interviewed")
        employee = self.env["hr.employee"].create({"name": "Ivan Interviewed"})
        with self.assertFails(AccessError, "Only recruitment officers link an applicant"):
            applicant.with_user(self.reviewer_a).write({"employee_id": employee.id})
        self.assertFalse(applicant.employee_id)
        self.assertFalse(
            self.env["crossborder.trial"].search([("employee_id", "=", employee.id)]),
            "no trial opened through sudo",
        )
        self.assertFalse(employee.crossborder_employment_kind)
        self.assertFalse(employee.crossborder_hire_date)

    def test_officer_links_an_employee_and_opens_the_trial(self):
        applicant = self._applicant("Olga Officer-hired")
        employee = self.env["hr.employee"].create({"name": "Olga Officer-hired"})
        applicant.with_user(self.officer).write({"employee_id": employee.id})
        trial = self.env["crossborder.trial"].search([("employee_id", "=", employee.id)])
        self.assertEqual(trial.applicant_id, applicant)
        self.assertEqual(employee.crossborder_employment_kind, "part_time_student")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestIndependentGrades(HiringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job.interviewer_ids = [(4, cls.reviewer_b.id)]
        cls.applicant = cls._applicant("Gina Graded")

    def setUp(self):
        super().setUp()
        self.invitation = self._send(self.applicant)
        self._submit(self.invitation, fields.Datetime.now())
        self.first, self.second = self.test.criterion_ids

    def _grade(self, user, scores, **values):
        return (
            self.env["crossborder.grade"]
            .with_user(user)
            .create(
                [
                    {
                        "invitation_id": self.invitation.id,
                        "criterion_id": criterion.id,
                        "score": score,
                        **values,
                    }
                    for criterion, score in zip((self.first, self.second), scores, strict=True)
                ]
            )
        )

    def test_forged_reviewer_refused(self):
        with self.assertFails(AccessError, "You grade in your own name"):
            self._grade(self.reviewer_a, (5, 5), reviewer_id=self.reviewer_b.id)
        self.assertFalse(
            self.env["crossborder.grade"].search([("invitation_id", "=", self.invitation.id)])
        )
        grades = self._grade(self.reviewer_a, (4, 4))
        self.assertEqual(grades.reviewer_id, self.reviewer_a)
        with self.assertFails(AccessError, "You grade in your own name"):
            grades.with_user(self.reviewer_a).write({"reviewer_id": self.reviewer_b.id})
        self.assertEqual(grades.reviewer_id, self.reviewer_a)
        # a recruitment officer records the grade a colleague gave on paper
        recorded = self._grade(self.officer, (3, 3), reviewer_id=self.reviewer_b.id)
        self.assertEqual(recorded.reviewer_id, self.reviewer_b)

    def test_grade_before_submission_refused(self):
        pending = self._send(self._applicant("Pia Pending"))
        with self.assertFails(UserError, "is not submitted"):
            self.env["crossborder.grade"].with_user(self.officer).create(
                {"invitation_id": pending.id, "criterion_id": self.first.id, "score": 5}
            )
        self.assertFalse(pending.grade_ids)

    def test_grade_never_moves_to_another_invitation(self):
        other = self._send(self._applicant("Otto Other"))
        self._submit(other, fields.Datetime.now())
        grades = self._grade(self.reviewer_a, (2, 2))
        for user in (self.reviewer_a, self.officer):
            with self.assertFails(UserError, "A grade stays on the test"):
                grades[0].with_user(user).write({"invitation_id": other.id})
        self.assertEqual(grades.invitation_id, self.invitation)
        self.assertFalse(other.grade_ids)

    def test_reviewer_sees_others_grades_only_after_his_own(self):
        self._grade(self.reviewer_a, (5, 5))
        Grade = self.env["crossborder.grade"].with_user(self.reviewer_b)
        domain = [("invitation_id", "=", self.invitation.id)]
        self.assertFalse(Grade.search(domain), "search")
        self.assertFalse(Grade.search_read(domain, ["score"]), "search_read")
        self.assertEqual(Grade._read_group(domain, [], ["__count"]), [(0,)], "grouped read")
        with self.assertRaises(AccessError):
            self.invitation.grade_ids.with_user(self.reviewer_b).read(["score"])
        invitation = self.invitation.with_user(self.reviewer_b)
        self.assertFalse(invitation.grade_ids, "one2many of the invitation")
        self.assertFalse(invitation.scores_visible)
        self.assertEqual(invitation.shown_final_score, 0.0, "the average is not shown")
        with self.assertRaises(AccessError):
            invitation.read(["final_score"])
        applicant = self.applicant.with_user(self.reviewer_b)
        self.assertEqual((applicant.shown_test_score, applicant.ranking_position), (0.0, 0))
        with self.assertRaises(AccessError):
            applicant.read(["test_score"])
        # a half-done grading shows nothing yet
        self.env["crossborder.grade"].with_user(self.reviewer_b).create(
            {"invitation_id": self.invitation.id, "criterion_id": self.first.id, "score": 1}
        )
        self.assertEqual(len(Grade.search(domain)), 1, "his own grade only")
        self.env["crossborder.grade"].with_user(self.reviewer_b).create(
            {"invitation_id": self.invitation.id, "criterion_id": self.second.id, "score": 1}
        )
        self.env.invalidate_all()
        self.assertEqual(len(Grade.search(domain)), 4, "all grades once he graded everything")
        self.assertTrue(invitation.scores_visible)
        self.assertEqual(invitation.shown_final_score, self.invitation.final_score)
        self.assertEqual(applicant.shown_test_score, self.applicant.test_score)
        self.assertEqual(applicant.ranking_position, 1)
