# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import BaseCase, tagged

from ..monitor.effectiveness import Window, assess
from .common import MonitorCase, MonitorHttpCase

DONE = date(2026, 11, 5)  # windows of 28 days: 8 Oct - 4 Nov, 5 Nov - 2 Dec


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestAssess(BaseCase):
    def test_weekly_counts_without_shipments(self):
        result = assess(Window(8), Window(2, scope_total=2), 28)
        self.assertEqual(
            (result.result, result.rate_before, result.rate_after), ("effective", 2.0, 0.5)
        )
        self.assertEqual(result.unit, "week")
        self.assertEqual(assess(Window(8), Window(5), 28).result, "not_effective")

    def test_rates_per_thousand_shipped_lines(self):
        # 8 in 4,000 = 2 per 1,000; 3 in 6,000 = 0.5 per 1,000: more sales, fewer problems
        result = assess(Window(8, 4000), Window(3, 6000), 28)
        self.assertEqual(
            (result.result, result.rate_before, result.rate_after), ("effective", 2.0, 0.5)
        )
        self.assertEqual(result.unit, "thousand")
        # half the count, but a quarter of the sales: worse, not better
        self.assertEqual(assess(Window(8, 4000), Window(4, 1000), 28).result, "not_effective")

    def test_not_enough_data(self):
        cases = [
            (Window(8, 4000), Window(0, 4000, complete=False), "incomplete"),
            (Window(8, 99), Window(0, 4000), "few_shipments_before"),
            (Window(8, 4000), Window(0, 99), "few_shipments_after"),
            (Window(8), Window(2, unclassified=3, scope_total=5), "unclassified"),
            # an action on a cause that never occurs made nothing rarer
            (Window(0), Window(0), "no_problems"),
            (Window(0, 4000), Window(0, 4000), "no_problems"),
        ]
        for before, after, reason in cases:
            with self.subTest(reason=reason):
                result = assess(before, after, 28, min_shipments=100, max_unclassified_percent=20)
                self.assertEqual((result.result, result.reason), ("not_enough_data", reason))
        at_limit = assess(Window(8), Window(4, unclassified=1, scope_total=5), 28)
        self.assertEqual(at_limit.result, "effective", "20 % unclassified is allowed")


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestEffectiveness(MonitorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.flush_all()
        cls.env.cr.execute("UPDATE helpdesk_ticket SET create_date = '2000-01-01'")
        cls.env["helpdesk.ticket"].invalidate_model(["create_date"])
        param = cls.env["ir.config_parameter"].set_param
        param("crossborder_ops_helpdesk.effect_window_days", 28)
        param("crossborder_ops_helpdesk.effect_min_drop", 50)
        param("crossborder_ops_helpdesk.effect_min_shipments", 100)
        param("crossborder_ops_helpdesk.effect_max_unclassified", 20)
        for day in range(10, 26, 2):  # 8 problems before, 10 to 24 October
            cls._ticket(
                root_cause_id=cls.c_wrong_item.id,
                product_id=cls.product.id,
                created=datetime(2026, 10, day, 9),
            )
        for day in (10, 20):  # 2 problems after
            cls._ticket(
                root_cause_id=cls.c_wrong_item.id,
                product_id=cls.product.id,
                created=datetime(2026, 11, day, 9),
            )
        # 3 after-sales tickets of the window after nobody classified yet
        cls.unclassified = cls.env["helpdesk.ticket"].browse(
            [
                cls._ticket(
                    category_id=cls.cat_after.id,
                    product_id=cls.product.id,
                    created=datetime(2026, 11, day, 9),
                ).id
                for day in (12, 14, 16)
            ]
        )
        cls.action = cls.env["crossborder.corrective.action"].create(
            {
                "name": "Scan every item at packing",
                "department_id": cls.warehouse.id,
                "root_cause_id": cls.c_wh.id,
                "product_id": cls.product.id,
            }
        )
        cls.action.action_done()
        cls.action.done_date = DONE

    def _verify(self, when="2026-12-03"):
        with freeze_time(when):
            self.action.with_user(self.cs_manager).action_verify()

    def test_unclassified_tickets_after_give_not_enough_data(self):
        self._verify()
        self.assertEqual(
            (self.action.state, self.action.effectiveness), ("done", "not_enough_data")
        )
        self.assertEqual(self.action.unclassified_after, 3)
        self.assertIn("3 of the 5 after-sales tickets", self.action.effect_reason)
        # classified, they turn out to be the same problem: 5 after, not 2
        self.unclassified.root_cause_id = self.c_missing
        self._verify("2026-12-04")
        self.assertEqual(
            (self.action.state, self.action.effectiveness), ("verified", "not_effective")
        )
        self.assertEqual((self.action.rate_before, self.action.rate_after), (2.0, 1.25))
        self.assertEqual((self.action.rate_unit, self.action.effect_reason), ("week", False))

    def test_window_after_not_over(self):
        self.unclassified.root_cause_id = self.c_missing
        self._verify("2026-11-20")
        self.assertEqual(self.action.effectiveness, "not_enough_data")
        self.assertIn("wait until 2026-12-03", self.action.effect_reason)

    def test_rates_with_shipments(self):
        self.unclassified.unlink()
        shipped = {"before": 4000, "after": 50}

        def shipments(recurrence, company, keys, periods):
            self.assertEqual(keys, [(("product", self.product.id),)])
            self.assertEqual(periods[1][0], datetime(2026, 11, 5))
            return {keys[0]: [shipped["before"], shipped["after"]]}

        Recurrence = type(self.env["crossborder.recurrence"])
        with patch.object(Recurrence, "_cbo_recurrence_opportunities", shipments):
            self._verify()
            self.assertEqual(self.action.effectiveness, "not_enough_data")
            self.assertEqual(
                self.action.effect_reason,
                "Only 50 shipped lines in the window after (at least 100 needed).",
            )
            shipped["after"] = 4000
            self._verify("2026-12-04")
        self.assertEqual(
            (self.action.effectiveness, self.action.rate_before, self.action.rate_after),
            ("effective", 2.0, 0.5),
        )
        self.assertEqual(
            (self.action.rate_unit, self.action.shipments_before, self.action.shipments_after),
            ("thousand", 4000, 4000),
        )

    def test_cron_measures_again_once_a_day(self):
        Action = self.env["crossborder.corrective.action"]
        Cron = type(self.env["ir.cron"])
        with patch.object(Cron, "_commit_progress", lambda self, *a, **k: 0):
            with freeze_time("2026-12-03"):
                Action._cron_verify_due()
                self.assertEqual(self.action.effect_checked_date, date(2026, 12, 3))
                self.unclassified.root_cause_id = self.c_missing
                Action._cron_verify_due()
                self.assertEqual(self.action.effectiveness, "not_enough_data", "not twice a day")
            with freeze_time("2026-12-04"):
                Action._cron_verify_due()
        self.assertEqual(self.action.effectiveness, "not_effective")


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestEffectivenessRpc(MonitorHttpCase):
    def test_department_cannot_write_its_own_verdict_over_json_rpc(self):
        action = self.env["crossborder.corrective.action"].create(
            {
                "name": "Scan every item at packing",
                "department_id": self.warehouse.id,
                "root_cause_id": self.c_wh.id,
            }
        )
        action.with_user(self.wh_manager_user).action_done()
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        for values in (
            {"effectiveness": "effective"},
            {"effect_reason": False, "effect_checked_date": "2026-12-01"},
            {"shipments_before": 5000, "rate_unit": "thousand"},
        ):
            with self.subTest(values=values):
                _result, error = self._call_kw(
                    "crossborder.corrective.action", "write", [action.ids, values]
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
                self.assertIn("set by the system", error.get("message", ""))
        _result, error = self._call_kw(
            "crossborder.corrective.action", "action_verify", [action.ids]
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        action.invalidate_recordset()
        self.assertEqual((action.state, action.effectiveness), ("done", False))

    def test_a_department_measures_its_own_causes(self):
        """The warehouse's manager wrote actions on the carrier's cause, or on one
        nobody is at fault for: with no such tickets before and after, the
        scheduled action would have found them effective."""
        no_fault = self.env["crossborder.root.cause"].create(
            {"name": "T-Changed their mind", "link": "no_fault"}
        )
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        for cause in (self.c_late, no_fault):
            with self.subTest(cause=cause.name):
                _result, error = self._call_kw(
                    "crossborder.corrective.action",
                    "create",
                    [{"name": "Label the shelves", "department_id": self.warehouse.id}],
                )
                self.assertFalse(error, error)
                action = self.env["crossborder.corrective.action"].search(
                    [("name", "=", "Label the shelves")]
                )
                _result, error = self._call_kw(
                    "crossborder.corrective.action",
                    "write",
                    [action.ids, {"root_cause_id": cause.id}],
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
                self.assertIn("one of that department's causes", error.get("message", ""))
                _result, error = self._call_kw(
                    "crossborder.corrective.action",
                    "create",
                    [
                        {
                            "name": "Label the shelves again",
                            "department_id": self.warehouse.id,
                            "root_cause_id": cause.id,
                        }
                    ],
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError")
                action.sudo().unlink()
        _result, error = self._call_kw(
            "crossborder.corrective.action",
            "create",
            [
                {
                    "name": "Scan at packing",
                    "department_id": self.warehouse.id,
                    "root_cause_id": self.c_wrong_item.id,
                }
            ],
        )
        self.assertFalse(error, "its own cause, as before")
