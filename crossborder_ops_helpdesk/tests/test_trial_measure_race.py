# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The hourly measuring of a trial's results raced for real against HR's decision,
on two database connections: measured while HR confirmed, a result's rating
changed under the decision (the trial confirmed on a rating nobody saw)."""

import uuid
from datetime import date, datetime

from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import TrialRaceCase

NOW = datetime(2026, 3, 20, 13)


@tagged("post_install", "-at_install", "crossborder_ops")
class TestMeasureRefreshRace(TrialRaceCase):
    def _trial_fixtures(self, env):
        tag = uuid.uuid4().hex[:8]
        trainee = new_test_user(env, login=f"race_cs_{tag}", name=f"Tara {tag}")
        hr_officer = new_test_user(
            env, login=f"race_hr_{tag}", name=f"Hana {tag}", groups="hr.group_hr_user"
        )
        employee = env["hr.employee"].create({"name": trainee.name, "user_id": trainee.id})
        handled = env.ref("crossborder_ops_helpdesk.crossborder_trial_measure_cs_tickets_handled")
        # rated "met" by hand; she handled no ticket, so measuring rates it "not met"
        result = {"name": "Volume", "measure_id": handled.id, "target": 5, "rating": "met"}
        trial = env["crossborder.trial"].create(
            {
                "employee_id": employee.id,
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 3, 22),
                "result_ids": [(0, 0, result)],
            }
        )
        # its creation measured it: back to a result not measured yet, rated "met"
        env.cr.execute(
            "UPDATE crossborder_trial_result SET rating = 'met', actual_date = NULL, "
            "actual_state = NULL WHERE trial_id = %s",
            [trial.id],
        )
        return {
            "hr": hr_officer.id,
            "users": [trainee.id, hr_officer.id],
            "employee": employee.id,
            "trial": trial.id,
            "result": trial.result_ids.id,
        }

    def _confirm(self, env):
        """HR's Decide: the decision wizard, confirm (measured when it opened)."""
        env["crossborder.trial"].browse(self.ids["trial"]).with_user(
            self.ids["hr"]
        )._apply_decision("confirm")

    def _measure(self, env):
        """The hourly scheduled action's measuring of this result."""
        env["crossborder.trial.result"].browse(self.ids["result"])._crossborder_refresh(NOW)

    def test_measuring_while_hr_confirm_leaves_the_decided_rating(self):
        outcome = self._race(self._confirm, self._measure)
        self.assertIsNone(outcome["blocked"], "the measuring skipped the trial being decided")
        self.assertIsNone(outcome["error"])
        self.assertEqual(outcome["state"], ("confirmed", "met", False))

    def test_hr_confirm_while_measuring_waits_and_decides_on_the_new_rating(self):
        outcome = self._race(self._measure, self._confirm)
        self.assertTrue(outcome["blocked"], "the decision waited for the measuring (pg_locks)")
        self.assertIsNone(outcome["error"])
        self.assertEqual(outcome["state"], ("confirmed", "not_met", True))
