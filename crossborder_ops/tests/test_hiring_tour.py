# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSkillTestTour(HttpCase):
    def test_applicant_answers_and_reviewer_grades(self):
        reviewer = new_test_user(
            self.env,
            login="cbo_tour_reviewer",
            password="cbo_tour_reviewer",
            groups="hr_recruitment.group_hr_recruitment_interviewer,crossborder_ops.group_crossborder_ops_user",
        )
        job = self.env["hr.job"].create(
            {
                "name": "Tour CS agent",
                "weekly_hours": 20,
                "interviewer_ids": [(6, 0, reviewer.ids)],
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Answer buyer messages",
                            "minutes_per_occurrence": 20,
                            "occurrences_per_week": 10,
                            "expected_result": "clear answer with tracking",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Write product descriptions",
                            "minutes_per_occurrence": 30,
                            "occurrences_per_week": 5,
                            "expected_result": "size conversion included",
                        },
                    ),
                ],
            }
        )
        test = self.env["crossborder.skill.test"].create({"name": "Tour test", "job_id": job.id})
        test.action_generate_survey()
        applicant = self.env["hr.applicant"].create(
            {"partner_name": "Tour Tina", "email_from": "tina@example.com", "job_id": job.id}
        )
        invitation = applicant._crossborder_send_test(
            test, fields.Datetime.now() + timedelta(days=2), send_email=False
        )
        url = invitation.user_input_id.get_start_url()
        self.start_tour(url, "crossborder_skill_test_applicant")
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "submitted")
        self.assertEqual(invitation.auto_score, 100.0)
        self.start_tour(
            "/odoo/action-crossborder_ops.crossborder_grading_queue_action",
            "crossborder_skill_test_grading",
            login=reviewer.login,
        )
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "graded")
        self.assertEqual(sorted(invitation.grade_ids.mapped("score")), [4.0, 5.0])
        self.assertEqual(invitation.grade_ids.reviewer_id, reviewer)
        self.assertTrue(invitation.passed)
