# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A trial's decision and the ratings it reads, raced for real on two database
connections: HR confirmed while the manager cleared a rating, and both went
through (a trial confirmed with an expected result unrated)."""

import uuid
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
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

    def _window_opened_by_hr(self, decision="confirm"):
        """HR opens the decision window now (the trial as it is), to decide later."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.ids["hr"], {})
            wizard = env["crossborder.trial.decision"].create(
                {"trial_id": self.ids["trial"], "decision": decision}
            )
            wizard_id = wizard.id
        self.addCleanup(self._delete_window, wizard_id)

        def decide(env):
            env(user=self.ids["hr"])["crossborder.trial.decision"].browse(wizard_id).action_apply()

        return decide

    def _delete_window(self, wizard_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM crossborder_trial_decision WHERE id = %s", [wizard_id])

    def _extend(self, env):
        env["crossborder.trial"].browse(self.ids["trial"])._apply_decision(
            "extend", new_end=date(2026, 3, 29)
        )

    def _rate_not_met(self, env):
        env["crossborder.trial.result"].browse(self.result_id).write({"rating": "not_met"})

    def test_a_decision_on_a_trial_extended_meanwhile_is_refused(self):
        """The outside audit's case: the manager extended the trial while HR, in a
        window opened before, confirmed it; both went through, and the new contract
        started after the extension, not on the day HR's window said."""
        decide = self._window_opened_by_hr()
        outcome = self._race(self._extend, decide)
        self.assertTrue(outcome["blocked"], "the confirmation waited for the extension")
        self.assertIn("changed while you were deciding", str(outcome["error"]))
        self.assertIn("Mona", str(outcome["error"]), "who changed it")
        self.assertEqual(outcome["state"], ("extended", "met", False))
        env = self._committed_env()
        notes = (
            env["crossborder.trial"]
            .browse(self.ids["trial"])
            .message_ids.filtered(lambda m: "Decision:" in (m.body or ""))
        )
        self.assertEqual(len(notes), 1, "one decision in the chatter")

    def test_a_confirmation_on_a_rating_changed_meanwhile_is_refused(self):
        """A result rated "not met" while HR confirmed on the "met" his window showed."""
        decide = self._window_opened_by_hr()
        outcome = self._race(self._rate_not_met, decide)
        self.assertTrue(outcome["blocked"], "the confirmation waited for the rating")
        self.assertIn("changed while you were deciding", str(outcome["error"]))
        self.assertEqual(outcome["state"], ("in_progress", "not_met", False))

    def test_a_window_on_the_trial_as_it_is_still_decides(self):
        decide = self._window_opened_by_hr()
        with self.registry.cursor() as cr:
            decide(api.Environment(cr, SUPERUSER_ID, {}))
        env = self._committed_env()
        self.assertEqual(env["crossborder.trial"].browse(self.ids["trial"]).state, "confirmed")

    def test_a_window_on_a_trial_decided_meanwhile_says_so(self):
        decide = self._window_opened_by_hr("end")
        outcome = self._race(self._confirm, decide)
        self.assertTrue(outcome["blocked"], "the second decision waited for the first")
        self.assertIn("was decided while you were deciding", str(outcome["error"]))
        self.assertEqual(outcome["state"], ("confirmed", "met", False))

    def test_a_window_sent_back_blank_is_refused(self):
        """A client that sends the window's basis back blank decided on whatever the
        trial had become (outside audit 9, N1)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.ids["hr"], {})
            wizard = env["crossborder.trial.decision"].create(
                {"trial_id": self.ids["trial"], "decision": "confirm", "seen_basis": ""}
            )
            self.addCleanup(self._delete_window, wizard.id)
            with self.assertRaisesRegex(UserError, "changed while you were deciding"):
                wizard.action_apply()
        env = self._committed_env()
        self.assertEqual(env["crossborder.trial"].browse(self.ids["trial"]).state, "in_progress")
