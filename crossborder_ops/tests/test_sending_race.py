# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two recruiters pressing *Send skill test* for the same applicant at the same
moment, from two servers: the applicant got the test twice, two answer sheets of
a one-attempt test and two e-mails."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .race_common import HiringRaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSendingRace(HiringRaceCase):
    sent = False

    def _send(self, env):
        """The recruiter's *Send skill test* from the application."""
        applicant = env["hr.applicant"].browse(self.ids["applicant"])
        wizard = (
            env["crossborder.skill.test.send"]
            .with_context(**applicant.action_send_skill_test()["context"])
            .create(
                {
                    "skill_test_id": self.ids["test"],
                    "deadline": fields.Datetime.now() + timedelta(hours=48),
                }
            )
        )
        wizard.action_send()

    def test_two_recruiters_sending_at_once_send_the_test_once(self):
        outcome = self._race(self._send, self._send, self.ids["officer"], self.ids["officer_b"])
        self.assertEqual(
            self._read(
                "SELECT count(*) FROM crossborder_skill_test_invitation WHERE applicant_id = %s",
                [self.ids["applicant"]],
            ),
            (1,),
            "one test sent",
        )
        self.assertEqual(
            self._read(
                "SELECT count(*) FROM survey_user_input WHERE applicant_id = %s",
                [self.ids["applicant"]],
            ),
            (1,),
            "one answer sheet",
        )
        self.assertIn("is already waiting for his answers", str(outcome["error"]))
        self.assertTrue(outcome["blocked"], "the second sending waited for the first (pg_locks)")
