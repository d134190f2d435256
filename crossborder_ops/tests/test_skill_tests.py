# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HiringCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSkillTests(HiringCase):
    def test_survey_generated_from_tasks(self):
        survey = self.test.survey_id
        self.assertEqual(survey.survey_type, "recruitment")
        self.assertTrue(survey.is_time_limited)
        self.assertEqual(survey.time_limit, 60, "on-the-job time: 20 + 40 minutes")
        self.assertEqual(self.test.time_limit_minutes, 60)
        open_questions = survey.question_ids.filtered(lambda q: q.question_type == "text_box")
        self.assertEqual(
            open_questions.mapped("title"), ["Answer buyer messages", "Write product descriptions"]
        )
        self.assertIn(
            "What we look for: first answer within 4 hours.", open_questions[0].description
        )
        self.assertEqual(len(survey.question_ids) - len(open_questions), 3, "situational questions")
        self.assertEqual(
            self.test.criterion_ids.mapped("name"),
            ["first answer within 4 hours", "two listings a day without errors"],
        )
        self.assertEqual(self.test.criterion_ids.mapped("weight"), [300.0, 200.0])

    def test_send_sets_deadline_and_mails(self):
        applicant = self._applicant("Ana Student")
        invitation = self._send(applicant)
        self.assertEqual(invitation.state, "sent")
        self.assertEqual(invitation.user_input_id.deadline, invitation.deadline)
        self.assertEqual(invitation.user_input_id.applicant_id, applicant)
        self.assertIn("/survey/start/", invitation.start_url)
        self.assertIn("Skill test CS agent test sent", applicant.message_ids[0].body)
        mail = self.env["mail.mail"].search([("body_html", "ilike", invitation.start_url)])
        self.assertFalse(mail.model, "the link is no message of the invitation")
        self.assertIn(invitation.start_url, str(mail.body_html))

    def test_deadline_before_sending_refused(self):
        applicant = self._applicant("Late Larry")
        with self.assertFails(UserError, "already past"):
            self._send(applicant, hours=-1)
        self.assertFalse(applicant.invitation_ids)

    def test_test_waiting_for_answers_not_sent_twice(self):
        """Sent again while it waits, the applicant had two answer sheets of a
        one-attempt test; once submitted, a new sending grades him again."""
        applicant = self._applicant("Twice Tina")
        invitation = self._send(applicant)
        with self.assertFails(UserError, "already waiting for his answers.*extend its deadline"):
            self._send(applicant)
        self.assertEqual(applicant.invitation_ids, invitation)
        self.assertEqual(
            self.env["survey.user_input"].search_count([("applicant_id", "=", applicant.id)]), 1
        )
        self._submit(invitation, fields.Datetime.now())
        self.assertEqual(len(self._send(applicant)), 1, "a new test once the first is submitted")

    def test_deadline_cron_refuses_only_late_applicants(self):
        early, tardy, silent = (
            self._applicant(n) for n in ("Early Eva", "Tardy Tom", "Silent Sam")
        )
        invitations = self._send(early | tardy | silent)
        sent = {invitation.applicant_id: invitation for invitation in invitations}
        deadline = invitations[0].deadline
        self._submit(sent[early], deadline - timedelta(seconds=1))
        self._submit(sent[tardy], deadline + timedelta(seconds=1))
        processed, remaining = invitations._refuse_late_batch(now=deadline - timedelta(seconds=1))
        self.assertEqual((processed, remaining), (0, 0), "nothing is late before the deadline")
        processed, remaining = invitations._refuse_late_batch(now=deadline + timedelta(hours=1))
        self.assertEqual((processed, remaining), (2, 0))
        self.assertEqual(early.application_status, "ongoing")
        reason = self.env.ref("crossborder_ops.refuse_reason_missed_test_deadline")
        for applicant in (tardy, silent):
            self.assertEqual(applicant.application_status, "refused")
            self.assertEqual(applicant.refuse_reason_id, reason)
            self.assertIn("was not submitted in time", applicant.message_ids[0].body)
        self.assertEqual(
            [sent[a].state for a in (early, tardy, silent)], ["submitted", "late", "late"]
        )
        self.assertEqual(invitations._refuse_late_batch(now=deadline + timedelta(hours=2)), (0, 0))

    def test_rubric_grading_averages_reviewers(self):
        applicant = self._applicant("Graded Gina")
        invitation = self._send(applicant)
        self._submit(invitation, fields.Datetime.now())
        self.assertEqual(invitation.state, "submitted")
        self.assertEqual(invitation.auto_score, 100.0, "situational questions right")
        first, second = self.test.criterion_ids
        Grade = self.env["crossborder.grade"]
        Grade.with_user(self.reviewer_a).create(
            [
                {"invitation_id": invitation.id, "criterion_id": first.id, "score": 4},
                {"invitation_id": invitation.id, "criterion_id": second.id, "score": 5},
            ]
        )
        self.assertEqual(invitation.state, "graded")
        self.env["hr.job"].browse(self.job.id).interviewer_ids = [(4, self.reviewer_b.id)]
        wizard = invitation.with_user(self.reviewer_b).action_grade()
        lines = (
            self.env["crossborder.grading.wizard"]
            .browse(wizard["res_id"])
            .with_user(self.reviewer_b)
        )
        self.assertEqual(lines.line_ids[0].answer, "My answer")
        lines.line_ids[0].score = 2
        lines.line_ids[1].score = 3
        lines.action_save()
        # criterion 1: (4 + 2) / 2 = 3 of 5, weight 300
        # criterion 2: (5 + 3) / 2 = 4 of 5, weight 200
        self.assertAlmostEqual(invitation.rubric_score, 100 * (300 * 0.6 + 200 * 0.8) / 500)
        self.assertAlmostEqual(invitation.final_score, round(68.0 * 0.6 + 100 * 0.4, 2))
        self.assertTrue(invitation.passed)
        self.assertEqual(invitation.reviewer_count, 2)
        self.assertEqual(applicant.test_score, invitation.final_score)

    def test_score_above_maximum_refused(self):
        applicant = self._applicant("Max Out")
        invitation = self._send(applicant)
        self._submit(invitation, fields.Datetime.now())
        with self.assertFails(ValidationError, "6.0 is out of range .* between 0 and 5.0"):
            self.env["crossborder.grade"].create(
                {
                    "invitation_id": invitation.id,
                    "criterion_id": self.test.criterion_ids[0].id,
                    "score": 6,
                }
            )
        self.assertFalse(invitation.grade_ids)

    def test_ranking_per_job(self):
        best, slow, ungraded = (self._applicant(n) for n in ("Best Bea", "Slow Sid", "Nobody Ned"))
        invitations = self._send(best | slow | ungraded)
        now = fields.Datetime.now()
        sent = {invitation.applicant_id: invitation for invitation in invitations}
        for applicant, minutes in ((best, 20), (slow, 55)):
            invitation = sent[applicant]
            self._submit(invitation, now)
            invitation.user_input_id.sudo().start_datetime = now - timedelta(minutes=minutes)
            self.env["crossborder.grade"].create(
                [
                    {"invitation_id": invitation.id, "criterion_id": c.id, "score": 4}
                    for c in self.test.criterion_ids
                ]
            )
        self.assertEqual(best.test_score, slow.test_score)
        self.assertEqual(
            (best.ranking_position, slow.ranking_position, ungraded.ranking_position), (1, 2, 0)
        )
        # a hired applicant leaves the ranking: the others move up
        best.date_closed = now
        self.env.invalidate_all()
        self.assertEqual((best.ranking_position, slow.ranking_position), (0, 1))

    def test_screening_gate(self):
        stage = self.env["hr.recruitment.stage"].create(
            {"name": "Interview (screened)", "require_screening": True}
        )
        applicant = self._applicant("Unscreened Uma")
        with self.assertFails(UserError, "requires a screening scorecard that recommends"):
            applicant.stage_id = stage
        applicant.screening_recommendation = "yes"
        applicant.stage_id = stage
        self.assertEqual(applicant.stage_id, stage)

    def test_deadline_cron_runs_as_scheduled_action(self):
        applicant = self._applicant("Cron Carl")
        invitation = self._send(applicant, hours=1)
        with (
            freeze_time(fields.Datetime.now() + timedelta(hours=2)),
            self.enter_registry_test_mode(),
        ):
            self.env.ref("crossborder_ops.ir_cron_skill_test_deadline").method_direct_trigger()
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "late")
