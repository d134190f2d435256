# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An applicant submitting his skill test in time while the deadline's scheduled
action runs, on two database connections: the scheduled action read the test as
not submitted; had it gone through, it would have refused an applicant who
handed his answers in."""

from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .race_common import HiringRaceCase

# an old deadline: the scheduled action of the race finds no other test due (holds in any year)
DEADLINE = datetime(2001, 3, 2, 12, 0, 0)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDeadlineRace(HiringRaceCase):
    submitted = False

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crossborder.skill.test.invitation"].browse(self.ids["invitation"]).write(
                {"deadline": DEADLINE}
            )

    def _submit_in_time(self, env):
        invitation = env["crossborder.skill.test.invitation"].browse(self.ids["invitation"])
        self._submit(invitation, DEADLINE - timedelta(minutes=1))

    def _refuse_late(self, env):
        """The scheduled action's batch, a second after the deadline."""
        env["crossborder.skill.test.invitation"]._refuse_late_batch(
            now=DEADLINE + timedelta(seconds=1)
        )

    def test_submission_in_time_while_the_deadline_runs_is_not_refused(self):
        outcome = self._race(self._submit_in_time, self._refuse_late, SUPERUSER_ID, SUPERUSER_ID)
        self.assertIsNone(outcome["error"])
        self.assertEqual(
            self._read(
                "SELECT i.state, i.is_late IS TRUE, a.active, a.refuse_reason_id IS NULL "
                "FROM crossborder_skill_test_invitation i "
                "JOIN hr_applicant a ON a.id = i.applicant_id WHERE i.id = %s",
                [self.ids["invitation"]],
            ),
            ("submitted", False, True, True),
            "the applicant who submitted in time stays in the running",
        )
        self.assertTrue(outcome["blocked"], "the scheduled action waited (pg_locks)")
