# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Nobody handles his own application or his own trial, played from outside as
each role would (JSON-RPC of the web client; outside audit 50): a recruitment
officer who applied to a position graded his own test in a colleague's name,
hired himself and extended his own deadline; a trainee who is HR marked his
manager's decision to-do done, took him off the trial's followers and deleted
the trial on its first day. And a test taken again on a deadline extended after
the refusal is graded."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HiringCase, JsonRpc

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestOwnApplicationDoors(JsonRpc, HiringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # an assistant of the recruitment team, who applied to the CS position
        cls.olga = new_test_user(
            env,
            login="cbo_own_olga",
            name="Olga Officer",
            email="olga@example.com",
            groups="hr_recruitment.group_hr_recruitment_user",
        )
        # made from her contact alone: no applicant's name (named by her contact)
        cls.own = env["hr.applicant"].create(
            {"partner_id": cls.olga.partner_id.id, "job_id": cls.job.id}
        )
        cls.hired_stage = env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)

    def _submitted_own_test(self):
        invitation = self._send(self.own)
        self._submit(invitation, fields.Datetime.now())
        return invitation

    def test_an_officer_does_not_grade_his_own_test_in_a_colleagues_name(self):
        self.assertFalse(self.own.partner_name)
        self.assertEqual(self.own.display_name, "Olga Officer", "named by her contact")
        invitation = self._submitted_own_test()
        criteria = self.test.criterion_ids
        self.authenticate("cbo_own_olga", "cbo_own_olga")
        result, error = self._call_kw(
            "crossborder.grade",
            "create",
            [
                [
                    {
                        "invitation_id": invitation.id,
                        "criterion_id": c.id,
                        "score": c.max_score,
                        "reviewer_id": self.reviewer_a.id,
                    }
                    for c in criteria
                ]
            ],
        )
        self.assertEqual(error.get("name"), ACCESS, result)
        self.assertIn("Olga Officer is your own application", error["message"])
        self.assertFalse(invitation.grade_ids, "no grade in Rita's name")
        # Rita grades it honestly; Olga neither raises nor deletes her grades
        self.env["crossborder.grade"].with_user(self.reviewer_a).create(
            [{"invitation_id": invitation.id, "criterion_id": c.id, "score": 0} for c in criteria]
        )
        for method, args in (
            ("write", [invitation.grade_ids.ids, {"score": 1}]),
            ("unlink", [invitation.grade_ids.ids]),
        ):
            with self.subTest(method=method):
                result, error = self._call_kw("crossborder.grade", method, args)
                self.assertEqual(error.get("name"), ACCESS, result)
        self.env.invalidate_all()
        self.assertEqual(invitation.grade_ids.mapped("score"), [0.0] * len(criteria))
        self.assertEqual(invitation.state, "graded")
        self.assertFalse(invitation.passed)

    def test_an_officer_does_not_move_decide_or_extend_his_own_application(self):
        invitation = self._send(self.own)
        deadline = invitation.deadline
        self.authenticate("cbo_own_olga", "cbo_own_olga")
        for model, method, args in (
            ("hr.applicant", "write", [self.own.ids, {"stage_id": self.hired_stage.id}]),
            ("hr.applicant", "write", [self.own.ids, {"priority": "3"}]),
            ("hr.applicant", "unlink", [self.own.ids]),
            (
                "crossborder.skill.test.invitation",
                "write",
                [invitation.ids, {"deadline": fields.Datetime.to_string(deadline + timedelta(30))}],
            ),
        ):
            with self.subTest(model=model, method=method, args=args):
                result, error = self._call_kw(model, method, args)
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertIn("your own application", error["message"])
        self.env.invalidate_all()
        self.assertEqual(self.own.application_status, "ongoing")
        self.assertNotEqual(self.own.stage_id, self.hired_stage)
        self.assertEqual(invitation.deadline, deadline)
        result, error = self._call_kw(
            "hr.applicant", "message_post", [self.own.ids], body="Happy to do a call any day."
        )
        self.assertFalse(error, "she follows it in the chatter")
        # another applicant's is hers to handle
        other = self._applicant("Ana Reyes")
        result, error = self._call_kw("hr.applicant", "write", [other.ids, {"priority": "2"}])
        self.assertFalse(error, error)

    def test_a_test_taken_again_on_an_extended_deadline_is_graded(self):
        """Refused for missing the deadline, reopened and given more time, the
        applicant submitted: his test stayed "To grade" for good, every grade refused
        as if given after the decision (outside audit 50, A5)."""
        ana = self._applicant("Ana Reyes")
        invitation = self._send(ana)
        invitation.with_user(self.officer).deadline = fields.Datetime.now() - timedelta(hours=1)
        invitation._refuse_late_batch()
        self.assertEqual(ana.application_status, "refused")
        self.assertTrue(invitation.decided_on)
        self.authenticate("cbo_officer", "cbo_officer")
        later = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=1))
        for model, ids, vals in (
            ("hr.applicant", ana.ids, {"active": True, "refuse_reason_id": False}),
            ("crossborder.skill.test.invitation", invitation.ids, {"deadline": later}),
        ):
            result, error = self._call_kw(model, "write", [ids, vals])
            self.assertFalse(error, error)
        self.env.invalidate_all()
        self._submit(invitation, invitation.decided_on + timedelta(minutes=30))
        self.assertEqual(invitation.state, "submitted")
        self.authenticate("cbo_rev_a", "cbo_rev_a")
        result, error = self._call_kw(
            "crossborder.grade",
            "create",
            [
                [
                    {"invitation_id": invitation.id, "criterion_id": c.id, "score": c.max_score}
                    for c in self.test.criterion_ids
                ]
            ],
        )
        self.assertFalse(error, error)
        self.env.invalidate_all()
        self.assertEqual(invitation.state, "graded")
        self.assertTrue(invitation.passed)
