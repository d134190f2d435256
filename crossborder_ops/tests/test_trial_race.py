# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A trial's decision and the ratings it reads, raced for real on two database
connections: HR confirmed while the manager cleared a rating, and both went
through (a trial confirmed with an expected result unrated)."""

import uuid
from datetime import date

from odoo.tests import new_test_user, tagged

from .concurrency import TrialRaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTrialDecisionRace(TrialRaceCase):
    def _trial_fixtures(self, env):
        tag = uuid.uuid4().hex[:8]
        manager = new_test_user(
            env, login=f"race_mgr_{tag}", name=f"Mona {tag}", groups="base.group_user"
        )
        hr_officer = new_test_user(
            env, login=f"race_hr_{tag}", name=f"Hana {tag}", groups="hr.group_hr_user"
        )
        employee = env["hr.employee"].create({"name": f"Tara {tag}"})
        trial = env["crossborder.trial"].create(
            {
                "employee_id": employee.id,
                "manager_id": manager.id,
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 3, 22),
                "result_ids": [(0, 0, {"name": "Answers in four hours", "rating": "met"})],
            }
        )
        self.result_id = trial.result_ids.id
        return {
            "manager": manager.id,
            "hr": hr_officer.id,
            "users": [manager.id, hr_officer.id],
            "employee": employee.id,
            "trial": trial.id,
        }

    def _confirm(self, env):
        env["crossborder.trial"].browse(self.ids["trial"])._apply_decision("confirm")

    def _clear_rating(self, env):
        env["crossborder.trial.result"].browse(self.result_id).write({"rating": False})

    def _confirm_by_hr(self, env):
        """HR's Decide: the decision wizard, confirm."""
        env = env(user=self.ids["hr"])
        wizard = env["crossborder.trial.decision"].create(
            {"trial_id": self.ids["trial"], "decision": "confirm"}
        )
        wizard.action_apply()

    def _race(self, first_call, second_call):
        return super()._race(first_call, second_call, uid=self.ids["manager"])

    def test_rating_cleared_while_hr_confirm_waits_and_is_refused(self):
        outcome = self._race(self._confirm, self._clear_rating)
        self.assertTrue(outcome["blocked"], "the rating waited for the decision (pg_locks)")
        self.assertIn("is decided", str(outcome["error"]))
        self.assertEqual(outcome["state"], ("confirmed", "met", False))

    def test_confirm_while_a_rating_is_cleared_waits_and_is_refused(self):
        outcome = self._race(self._clear_rating, self._confirm)
        self.assertTrue(outcome["blocked"], "the decision waited for the rating (pg_locks)")
        self.assertIn("Rate every expected result", str(outcome["error"]))
        self.assertEqual(outcome["state"], ("in_progress", None, False))

    def test_rating_cleared_while_hr_decides_in_the_wizard_waits_and_is_refused(self):
        """The audit's case: HR confirmed in the decision wizard while, on another
        server, the trial's manager cleared a rating."""
        outcome = self._race(self._confirm_by_hr, self._clear_rating)
        self.assertTrue(outcome["blocked"], "the rating waited for the decision (pg_locks)")
        self.assertIn("is decided", str(outcome["error"]))
        self.assertEqual(outcome["state"], ("confirmed", "met", False))

    def test_hr_wizard_confirm_while_a_rating_is_cleared_waits_and_is_refused(self):
        outcome = self._race(self._clear_rating, self._confirm_by_hr)
        self.assertTrue(outcome["blocked"], "the decision waited for the rating (pg_locks)")
        self.assertIn("Rate every expected result", str(outcome["error"]))
        self.assertEqual(outcome["state"], ("in_progress", None, False))
