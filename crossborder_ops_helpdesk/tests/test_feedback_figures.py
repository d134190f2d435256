# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The feedback digests' figures as a manager reads them in the list, grouped or
totalled by the web client: each problem counted once (the digest of all departments
counts again what its departments' digests count), a trend that went from nothing
is new (no 0 %), and a group's trend is its change over its previous periods, not
its weeks' percentages added up. Rates, targets and window lengths are not summed."""

from datetime import date

from odoo.tests import tagged

from .common import MonitorHttpCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestFeedbackFigures(MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Feedback = cls.env["crossborder.feedback"]
        Feedback.search([]).unlink()
        weeks = ((date(2026, 11, 2), date(2026, 11, 8)), (date(2026, 11, 9), date(2026, 11, 15)))
        rows = [
            # warehouse: 2 problems (none the week before), then 1
            (cls.warehouse, weeks[0], 2, 0, 0.0),
            (cls.warehouse, weeks[1], 1, 2, -50.0),
            # logistics: 1 and 1
            (cls.logistics, weeks[0], 1, 1, 0.0),
            (cls.logistics, weeks[1], 1, 1, 0.0),
            # all departments: the same, and one problem of a cause with no department
            (cls.env["hr.department"], weeks[0], 4, 2, 100.0),
            (cls.env["hr.department"], weeks[1], 2, 4, -50.0),
        ]
        cls.digests = Feedback.create(
            [
                {
                    "company_id": cls.env.company.id,
                    "department_id": department.id,
                    "date_from": start,
                    "date_to": end,
                    "ticket_count": count,
                    "previous_count": previous,
                    "late_count": 1,
                    "trend": trend,
                }
                for department, (start, end), count, previous, trend in rows
            ]
        )

    def _ok(self, model, method, args, **kwargs):
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertFalse(error, f"{model}.{method} refused")
        return result

    def _grouped(self, groupby, aggregates, domain=()):
        return self._ok(
            "crossborder.feedback",
            "formatted_read_group",
            [],
            domain=list(domain),
            groupby=groupby,
            aggregates=aggregates,
        )

    def test_the_owner_reads_each_problem_once_and_trends_of_the_groups(self):
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        measures = ["ticket_count:sum", "previous_count:sum", "late_count:sum", "trend:avg"]
        [total] = self._grouped([], measures)
        self.assertEqual(total["ticket_count:sum"], 6, "the digests of all departments, not 12")
        self.assertEqual(total["late_count:sum"], 2)
        # 6 problems against 6 the weeks before: no change (not 100 - 50 = 50)
        self.assertEqual(total["trend:avg"], 0.0)
        groups = {
            g["department_id"] and g["department_id"][0]: g
            for g in self._grouped(["department_id"], measures)
        }
        warehouse = groups[self.warehouse.id]
        self.assertEqual(warehouse["ticket_count:sum"], 3)
        # 3 problems over the 2 of the weeks before: +50 %, not 0 - 50
        self.assertEqual(warehouse["trend:avg"], 50.0)
        self.assertEqual(groups[False]["ticket_count:sum"], 6, "the digests of all departments")
        # a week from nothing is new, not 0 %
        [new] = self._ok(
            "crossborder.feedback",
            "search_read",
            [[("id", "in", self.digests.ids), ("is_new", "=", True)]],
            fields=["department_id", "trend"],
        )
        self.assertEqual(new["department_id"][0], self.warehouse.id)

    def test_a_department_manager_totals_his_own_digests(self):
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        [total] = self._grouped([], ["ticket_count:sum", "trend:avg"])
        self.assertEqual(total["ticket_count:sum"], 3)
        self.assertEqual(total["trend:avg"], 50.0)

    def test_rates_targets_and_windows_are_no_sums(self):
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        for model, names in (
            ("crossborder.feedback.line", ["trend"]),
            ("crossborder.corrective.action", ["rate_before", "rate_after"]),
            ("crossborder.recurrence", ["window_days", "rate", "usual_rate", "upper_limit"]),
        ):
            described = self._ok(model, "fields_get", [names], attributes=["aggregator"])
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertFalse(described[name].get("aggregator"), "offered as a measure")
        # the trial's expected results each have their own unit (hours, tickets, %)
        described = self.env["crossborder.trial.result"].fields_get(
            ["target", "actual"], attributes=["aggregator"]
        )
        self.assertFalse(described["target"].get("aggregator"))
        self.assertFalse(described["actual"].get("aggregator"))
