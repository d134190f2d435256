# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hiring settings are checked where every path writes them (issue 15): the
settings page, System parameters and JSON-RPC meet the same check, with the same
words, and nothing refused is stored."""

from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpc

KEY = "crossborder_ops.%s"


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringSettingsRpc(JsonRpc, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.job"].search([]).write({"trial_days": 0})  # no position in the way
        set_param = cls.env["ir.config_parameter"].set_param
        for key, value in (
            ("trial_min_days", 14),
            ("trial_max_days", 30),
            ("trial_default_days", 21),
            ("trial_reminder_days", 3),
            ("pass_mark", 70),
        ):
            set_param(KEY % key, value)
        new_test_user(cls.env, login="cbo_admin", groups="base.group_user,base.group_system")

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_admin", "cbo_admin")

    def _call(self, model, method, *args, **kwargs):
        """(result, error message) of the web client's JSON-RPC."""
        result, error = self._call_kw(model, method, list(args), **kwargs)
        return result, error.get("message", "")

    def _stored(self):
        self.env.invalidate_all()
        return dict(
            self.env["ir.config_parameter"]
            .search([("key", "like", "crossborder_ops.%")])
            .mapped(lambda p: (p.key, p.value))
        )

    def _write(self, key, value):
        return self._call("ir.config_parameter", "write", self._param(key).ids, {"value": value})

    def _param(self, key):
        return self.env["ir.config_parameter"].search([("key", "=", KEY % key)])

    def assertRefused(self, outcome, *sentences):
        result, message = outcome
        self.assertFalse(result)
        self.assertIn("The hiring settings cannot be saved:", message)
        for sentence in sentences:
            self.assertIn(sentence, message)

    def test_bad_values_refused_on_every_path(self):
        before = self._stored()
        self.assertRefused(
            self._write("trial_min_days", "40"),
            "The shortest trial (40 days) is longer than the longest (30 days).",
        )
        self.assertRefused(
            self._write("trial_min_days", "two"),
            "Shortest trial (days) takes a whole number: two is not one.",
        )
        self.assertRefused(
            self._write("trial_reminder_days", "30"),
            "A reminder 30 days before the end would come before the longest trial (30 days) "
            "even starts.",
        )
        self._param("pass_mark").unlink()
        self.assertRefused(
            self._call(
                "ir.config_parameter", "create", [{"key": KEY % "pass_mark", "value": "120"}]
            ),
            "The pass mark is a percentage between 0 and 100.",
        )
        self.assertRefused(
            self._write("test_deadline_hours", "0"),
            "Applicants get one hour to 90 days (2,160 hours) to submit a skill test.",
        )
        # no trial, reminder or deadline beyond what a date can say (outside audit 66)
        for key, value, sentence in (
            ("trial_max_days", "100000000", "The longest trial lasts one day to a year"),
            ("trial_reminder_days", "100000000", "0 to 365 days before the end"),
            ("test_deadline_hours", "100000000000", "one hour to 90 days"),
        ):
            self.assertRefused(self._write(key, value), sentence)
        settings_id, message = self._call(
            "res.config.settings", "create", {"crossborder_trial_default_days": 45}
        )
        self.assertFalse(message)
        self.assertRefused(
            self._call("res.config.settings", "execute", [settings_id]),
            "The default trial (45 days) must be between the shortest (14) and the longest (30).",
        )
        before.pop(KEY % "pass_mark")
        self.assertEqual(self._stored(), before, "nothing refused was stored")

    def test_good_values_accepted_and_used(self):
        _result, message = self._write("trial_max_days", "45")
        self.assertFalse(message)
        self._param("pass_mark").unlink()
        _result, message = self._call(
            "ir.config_parameter", "create", [{"key": KEY % "pass_mark", "value": "80"}]
        )
        self.assertFalse(message)
        settings = self.env["res.config.settings"]
        self.assertEqual(settings._crossborder_trial_bounds(), (14, 45))
        self.assertEqual(self.env["hr.job"].new({"name": "Buyer"}).pass_mark, 80)
        # the settings page writes one setting after the other: judged together
        settings_id, message = self._call(
            "res.config.settings",
            "create",
            {
                "crossborder_trial_min_days": 50,
                "crossborder_trial_max_days": 60,
                "crossborder_trial_default_days": 55,
            },
        )
        _result, message = self._call("res.config.settings", "execute", [settings_id])
        self.assertFalse(message)
        self.assertEqual(settings._crossborder_trial_bounds(), (50, 60))
        self.assertEqual(settings._crossborder_trial_default(), 55)

    def test_unreadable_stored_value_is_reported(self):
        self.env.cr.execute(
            "UPDATE ir_config_parameter SET value = 'many' WHERE key = %s",
            [KEY % "trial_default_days"],
        )
        self.env.registry.clear_cache()
        with self.assertLogs("odoo.addons.crossborder_ops.models.ir_config_parameter", "WARNING"):
            self.assertEqual(self.env["res.config.settings"]._crossborder_trial_default(), 21)

    def test_measure_refresh_on_the_settings_page(self):
        """How old a measured result may get is a field of the settings page,
        checked like the others, and the refresh follows it."""
        settings_id, message = self._call(
            "res.config.settings", "create", {"crossborder_trial_measure_hours": 6}
        )
        self.assertFalse(message)
        _result, message = self._call("res.config.settings", "execute", [settings_id])
        self.assertFalse(message)
        self.assertEqual(self._stored()[KEY % "trial_measure_hours"], "6")
        now = datetime(2030, 5, 6, 12, 0)
        self.assertIn(
            ("actual_date", "<=", datetime(2030, 5, 6, 6, 0)),
            self.env["crossborder.trial.result"]._crossborder_stale_domain(now),
            "results older than 6 hours are measured again",
        )
        settings_id, _message = self._call(
            "res.config.settings", "create", {"crossborder_trial_measure_hours": -1}
        )
        self.assertRefused(
            self._call("res.config.settings", "execute", [settings_id]),
            "Measured results are refreshed after 0 to 720 hours",
        )
        self.assertEqual(self._stored()[KEY % "trial_measure_hours"], "6")
