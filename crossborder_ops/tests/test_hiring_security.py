# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HiringCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringSecurity(HiringCase):
    def test_interviewer_sees_only_applicants_of_their_jobs(self):
        mine = self._applicant("Mine Mia")
        theirs = self._applicant("Theirs Theo", job=self.other_job)
        other_test = self.env["crossborder.skill.test"].create(
            {"name": "Images", "job_id": self.other_job.id}
        )
        deadline = fields.Datetime.now() + timedelta(days=1)
        Invitation = self.env["crossborder.skill.test.invitation"]
        invitations = Invitation.create(
            [
                {"applicant_id": mine.id, "skill_test_id": self.test.id, "deadline": deadline},
                {"applicant_id": theirs.id, "skill_test_id": other_test.id, "deadline": deadline},
            ]
        )
        visible = Invitation.with_user(self.reviewer_a).search([("id", "in", invitations.ids)])
        self.assertEqual(visible.applicant_id, mine)
        self.assertEqual(
            self.env["hr.applicant"]
            .with_user(self.reviewer_a)
            .search([("id", "in", (mine | theirs).ids)]),
            mine,
        )
        with self.assertRaises(AccessError):
            invitations[1].with_user(self.reviewer_a).read(["final_score"])
        tests = self.env["crossborder.skill.test"].with_user(self.reviewer_a).search([])
        self.assertNotIn(other_test, tests)

    def test_interviewers_cannot_change_tests_or_others_grades(self):
        with self.assertRaises(AccessError):
            self.test.with_user(self.reviewer_a).pass_mark = 10
        applicant = self._applicant("Graded Gus")
        invitation = self._send(applicant)
        self._submit(invitation, fields.Datetime.now())
        grade = self.env["crossborder.grade"].create(
            {
                "invitation_id": invitation.id,
                "criterion_id": self.test.criterion_ids[0].id,
                "score": 3,
                "reviewer_id": self.officer.id,
            }
        )
        with self.assertRaises(AccessError):
            grade.with_user(self.reviewer_a).score = 5
