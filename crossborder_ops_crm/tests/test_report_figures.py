# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures a pool manager reads grouped, as the web client reads them (a pivot's
week rows, a list's totals): a pool's size is a level, so a week of daily snapshots
reads its average per day, and the average wait is weighted by the leads waiting; a
run's settings and what it left waiting are not added up over runs."""

from datetime import date, timedelta

from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from .common import PoolCase, PoolRpc, RpcRefused


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolReportFigures(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Snapshot = cls.env["crossborder.pool.snapshot"]
        Snapshot.search([]).unlink()
        cls.monday = date(2026, 10, 26)
        # a week: Europe waits 5, 3, 3, 4, 6, 8, 7 leads, North America 3 each day;
        # on the last day Europe's 7 leads waited 8 days on average, NA's 3 waited 12
        rows = []
        for day, eu in enumerate((5, 3, 3, 4, 6, 8, 7)):
            for pool, waiting, age in ((cls.pool_eu, eu, 8.0), (cls.pool_na, 3, 12.0)):
                rows.append(
                    {
                        "date": cls.monday + timedelta(days=day),
                        "pool_id": pool.id,
                        "lead_count": waiting,
                        "held_count": 2,
                        "avg_age_days": age,
                        "max_age_days": age * 2,
                    }
                )
        Snapshot.create(rows)
        Run = cls.env["crossborder.rotation.run"]
        Run.search([]).unlink()
        Run.create(
            [
                {
                    "pool_id": cls.pool_eu.id,
                    "assigned_count": 4,
                    "held_back_count": 1,
                    "holdback_percent": 10.0,
                    "remaining_count": 3,
                }
                for _ in range(2)
            ]
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")

    def _grouped(self, model, groupby, aggregates, domain=()):
        return self.rpc(
            model,
            "formatted_read_group",
            domain=list(domain),
            groupby=groupby,
            aggregates=aggregates,
        )

    def test_a_week_of_snapshots_reads_the_average_pool_not_the_days_added_up(self):
        week = [("date", ">=", str(self.monday)), ("date", "<", str(self.monday + timedelta(7)))]
        [total] = self._grouped(  # the total row of a pivot of the week
            "crossborder.pool.snapshot",
            [],
            ["lead_count:sum", "held_count:sum", "avg_age_days:avg"],
            week,
        )
        # both pools together, per day: 8, 6, 6, 7, 9, 11, 10 = 57 over 7 days
        self.assertEqual(total["lead_count:sum"], 8, "the week's average per day, not 57")
        self.assertEqual(total["held_count:sum"], 4)
        # 7 x 3 leads waited 12 days, 36 leads waited 8 days: (252 + 288) / 57
        self.assertAlmostEqual(total["avg_age_days:avg"], 540 / 57, places=2)
        by_pool = {
            g["pool_id"][0]: g
            for g in self._grouped(
                "crossborder.pool.snapshot", ["pool_id"], ["lead_count:sum"], week
            )
        }
        self.assertEqual(by_pool[self.pool_eu.id]["lead_count:sum"], 5, "36 / 7 days")
        self.assertEqual(by_pool[self.pool_na.id]["lead_count:sum"], 3)
        # one day still reads that day's pools added up
        [day] = self._grouped(
            "crossborder.pool.snapshot",
            ["date:day"],
            ["lead_count:sum", "avg_age_days:avg"],
            [("date", "=", str(self.monday + timedelta(6)))],
        )
        self.assertEqual(day["lead_count:sum"], 10)
        self.assertAlmostEqual(day["avg_age_days:avg"], (7 * 8 + 3 * 12) / 10, places=2)

    def test_a_runs_setting_and_what_it_left_are_not_added_up(self):
        fields = self.rpc(
            "crossborder.rotation.run",
            "fields_get",
            ["holdback_percent", "remaining_count", "assigned_count"],
            attributes=["aggregator"],
        )
        self.assertFalse(fields["holdback_percent"].get("aggregator"), "offered as a measure")
        self.assertFalse(fields["remaining_count"].get("aggregator"))
        self.assertEqual(fields["assigned_count"]["aggregator"], "sum")
        [group] = self._grouped(
            "crossborder.rotation.run", ["pool_id"], ["assigned_count:sum", "__count"]
        )
        self.assertEqual(group["assigned_count:sum"], 8)
        self.assertNotIn("holdback_percent:sum", group)
        event_fields = self.rpc(
            "crossborder.pool.event",
            "fields_get",
            ["former_lead_number"],
            attributes=["aggregator"],
        )
        self.assertFalse(event_fields["former_lead_number"].get("aggregator"), "an ID")

    def test_the_managers_read_the_runs_and_snapshots_they_are_held_to(self):
        """A sales manager and a pool manager rewrote a run's spread and draw seed,
        made up an even run, and zeroed or deleted the pool's daily snapshots: the
        figures the pool's fairness is read from are the pool's own records, as
        its audit lines (outside audit 51, finding 2)."""
        new_test_user(self.env, login="cbo_sales_boss", groups="sales_team.group_sale_manager")
        run = self.env["crossborder.rotation.run"].search([], limit=1)
        snapshot = self.env["crossborder.pool.snapshot"].search([], limit=1)
        waiting = snapshot.lead_count
        for login in ("cbo_pool_mgr", "cbo_sales_boss"):
            self.authenticate(login, login)
            for model, record, values in (
                ("crossborder.rotation.run", run, {"spread": 5, "holdback_seed": "x"}),
                ("crossborder.pool.snapshot", snapshot, {"lead_count": 0}),
            ):
                calls = (
                    ("write", [record.id], values),
                    ("create", dict(values, pool_id=self.pool_eu.id, date=str(self.monday))),
                    ("unlink", [record.id]),
                )
                for method, *args in calls:
                    with self.subTest(login=login, model=model, method=method):
                        with self.assertRaisesRegex(RpcRefused, "not allowed"):
                            self.rpc(model, method, *args)
            self.assertEqual(len(self.rpc("crossborder.rotation.run", "search", [])), 2)
        self.assertEqual((run.spread, run.holdback_seed), (0, False))
        self.assertEqual(snapshot.lead_count, waiting)
        self.assertTrue(waiting)

    def test_revenue_of_pools_in_two_currencies_is_converted_not_added(self):
        """A manager of two companies in two currencies read "Does rotation pay?"
        and the rotation shares with both selected: 5,000 in one currency and
        42,000 in the other read as 47,000, in no currency (outside audit 55)."""
        ours = self.pool_eu.company_id
        other_currency = self.env["res.currency"].search(
            [("id", "!=", ours.currency_id.id), ("active", "in", (True, False))], limit=1
        )
        other_currency.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other_currency.id, "rate": 2.0, "company_id": ours.id}
        )
        theirs = self.env["res.company"].create(
            {"name": "T-Other shop", "currency_id": other_currency.id}
        )
        self.new_a.company_ids |= theirs  # she sells for both
        team = self.env["crm.team"].create({"name": "T-Theirs", "company_id": theirs.id})
        pool = self.env["crossborder.lead.pool"].create(
            {"name": "T-Their pool", "team_id": team.id, "company_id": theirs.id}
        )
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        for each_pool, company, revenue in ((self.pool_eu, ours, 100.0), (pool, theirs, 1000.0)):
            lead = self.env["crm.lead"].create(
                {
                    "name": f"Drawn in {company.name}",
                    "type": "opportunity",
                    "team_id": each_pool.team_id.id,
                    "company_id": company.id,
                    "expected_revenue": revenue,
                    "user_id": self.new_a.id,
                }
            )
            lead.stage_id = won
            run = self.env["crossborder.rotation.run"].create(
                {"pool_id": each_pool.id, "holdback_seed": "s"}
            )
            self.env["crossborder.pool.event"].create(
                {
                    "lead_id": lead.id,
                    "pool_id": each_pool.id,
                    "kind": "rotation",
                    "run_id": run.id,
                    "to_user_id": self.new_a.id,
                    "rule": "Rotation",
                }
            )
        self.env["crm.lead"].flush_model()
        self.env["crossborder.pool.event"].flush_model()
        boss = new_test_user(
            self.env,
            login="cbo_two_shops",
            groups="sales_team.group_sale_manager,crossborder_ops_crm.group_pool_manager",
            company_id=ours.id,
            company_ids=[ours.id, theirs.id],
        )
        self.authenticate(boss.login, boss.login)
        both = {"allowed_company_ids": [ours.id, theirs.id]}
        pools = [("pool_id", "in", [self.pool_eu.id, pool.id])]
        for model, field in (
            ("crossborder.rotation.lift.report", "revenue"),
            ("crossborder.rotation.share.report", "value"),
        ):
            described = self.rpc(
                model, "fields_get", [field], attributes=["type", "currency_field"]
            )
            self.assertEqual(described[field]["type"], "monetary", model)
            [total] = self.rpc(
                model,
                "formatted_read_group",
                domain=pools,
                groupby=[],
                aggregates=["currency_id:array_agg_distinct", f"{field}:sum_currency"],
                context=both,
            )
            with self.subTest(model=model):
                self.assertEqual(len(total["currency_id:array_agg_distinct"]), 2)
                # 1,000 at 2 of theirs for one of ours: 100 + 500, not 1,100
                self.assertAlmostEqual(total[f"{field}:sum_currency"], 600.0, places=2)
        [arm] = self.rpc(
            "crossborder.rotation.lift.report",
            "formatted_read_group",
            domain=pools,
            groupby=["arm"],
            aggregates=["revenue_per_lead:avg", "lead_count:sum"],
            context=both,
        )
        self.assertEqual(arm["lead_count:sum"], 2)
        self.assertAlmostEqual(arm["revenue_per_lead:avg"], 300.0, places=2, msg="not 550")
