# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..monitor.digest import Problem, build_digest
from .common import (
    MonitorCase,
    MonitorHttpCase,
    load_migration,
    weekly_digest_of_own_tickets,
)

# weekly periods: A = 26 Oct - 1 Nov, B = 2 - 8 Nov, C = 9 - 15 Nov 2026
A, B, C = date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)  # the day each digest runs
DIGEST = 104  # queries of one feedback run, whatever its number of tickets


class DigestData:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only this test's tickets count: move earlier tickets out of the periods
        weekly_digest_of_own_tickets(cls.env)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestDigestPeriods(DigestData, MonitorCase):
    def _classify(self, ticket, cause, when):
        with freeze_time(when):
            ticket.root_cause_id = cause
            ticket.flush_recordset()

    def _digest(self, today, department=None):
        Feedback = self.env["crossborder.feedback"]
        Feedback._generate_batch(today=today)
        return Feedback.search(
            [
                ("department_id", "=", (department or self.warehouse).id),
                ("date_to", "=", date.fromordinal(today.toordinal() - 1)),
            ]
        )

    def test_late_classification_counted_once_in_its_own_period(self):
        on_time = self._ticket(created=datetime(2026, 10, 28, 9))
        late = self._ticket(created=datetime(2026, 10, 29, 9))
        self._classify(on_time, self.c_wrong_item, "2026-10-28 10:00:00")
        self.assertEqual(on_time.classified_date, datetime(2026, 10, 28, 10))
        week_a = self._digest(A)
        self.assertEqual((week_a.ticket_count, week_a.late_count), (1, 0))

        self._classify(late, self.c_wrong_item, "2026-11-04 15:00:00")
        week_b = self._digest(B)
        self.assertEqual((week_b.ticket_count, week_b.late_count, week_b.previous_count), (1, 1, 1))
        self.assertEqual(week_b.line_ids.late_count, 1)
        self.assertIn("1 of them were opened in an earlier period", str(week_b.body_html))
        week_c = self._digest(C)
        self.assertEqual((week_c.ticket_count, week_c.previous_count), (0, 1), "counted once")
        self.assertEqual(week_a.ticket_count + week_b.ticket_count + week_c.ticket_count, 2)

    def test_digest_queries_do_not_grow_with_its_tickets(self):
        """Query budget of the feedback run: a week of 30 problems costs what a
        week of 3 costs (counted per period and department, not per ticket)."""
        for today, count, budget in ((A, 3, None), (B, 3, DIGEST), (C, 30, DIGEST)):
            created = datetime.combine(today - timedelta(days=3), time(9))
            for _i in range(count):
                self._ticket(created=created, root_cause_id=self.c_wrong_item.id)
            self.env.flush_all()
            self.env.invalidate_all()
            if budget is None:  # a first run fills Odoo's caches
                self._digest(today)
                continue
            with self.subTest(tickets=count), self.assertQueryCount(budget):
                self.env["crossborder.feedback"]._generate_batch(today=today)
            self.assertEqual(self._digest(today).ticket_count, count)

    def test_previous_period_from_its_stored_figures(self):
        ticket = self._ticket(created=datetime(2026, 10, 28, 9))
        self._classify(ticket, self.c_wrong_item, "2026-10-28 10:00:00")
        self.assertEqual(self._digest(A).line_ids.root_cause_id, self.c_wrong_item)
        # re-classified after its digest: keeps its date, its period's figures stay
        self._classify(ticket, self.c_missing, "2026-11-03 10:00:00")
        self.assertEqual(ticket.classified_date, datetime(2026, 10, 28, 10))
        week_b = self._digest(B)
        lines = {line.root_cause_id: line for line in week_b.line_ids}
        self.assertEqual(week_b.ticket_count, 0, "not counted a second time")
        self.assertEqual(
            (lines[self.c_wrong_item].count, lines[self.c_wrong_item].previous_count), (0, 1)
        )
        self.assertNotIn(self.c_missing, lines, "the old period is not recounted")

    def test_cause_removed_and_set_again(self):
        counted = self._ticket(created=datetime(2026, 10, 28, 9))
        self._classify(counted, self.c_wrong_item, "2026-10-28 10:00:00")
        self._digest(A)
        self._classify(counted, False, "2026-11-03 10:00:00")
        self.assertEqual(counted.classified_date, datetime(2026, 10, 28, 10), "already counted")
        self._classify(counted, self.c_wrong_item, "2026-11-04 10:00:00")
        # not counted yet: the date goes with the cause, and comes back with the new one
        pending = self._ticket(created=datetime(2026, 11, 3, 9))
        self._classify(pending, self.c_missing, "2026-11-03 10:00:00")
        self._classify(pending, False, "2026-11-03 11:00:00")
        self.assertFalse(pending.classified_date)
        self._classify(pending, self.c_missing, "2026-11-05 10:00:00")
        self.assertEqual(pending.classified_date, datetime(2026, 11, 5, 10))
        week_b = self._digest(B)
        self.assertEqual(week_b.ticket_count, 1)
        self.assertEqual(week_b.line_ids.filtered("count").root_cause_id, self.c_missing)

    def test_cost_and_named_suppliers_through_the_hook(self):
        tickets = [self._ticket(created=datetime(2026, 11, 3, 9)) for _i in range(3)]
        supplier = self.env["res.partner"].create({"name": "T-Ningbo Lights"})
        for ticket in tickets:
            self._classify(ticket, self.c_wrong_item, "2026-11-03 10:00:00")
        costs = dict(zip([t.id for t in tickets], (12.5, 30.0, 0.0), strict=True))

        def facts(records):
            return {
                t.id: {"cost": costs[t.id], "supplier_id": supplier.id if costs[t.id] else None}
                for t in records
            }

        Ticket = type(self.env["helpdesk.ticket"])
        with patch.object(Ticket, "_cbo_problem_facts", facts):
            week_b = self._digest(B)
        self.assertEqual(week_b.problem_cost, 42.5)
        self.assertEqual(week_b.line_ids.cost, 42.5)
        self.assertTrue(week_b.top_suppliers.startswith("T-Ningbo Lights: 2 · "))
        self.assertIn("T-Ningbo Lights", str(week_b.body_html))

    def test_base_hook_gives_nothing(self):
        ticket = self._ticket(root_cause_id=self.c_wrong_item.id)
        self.assertEqual(ticket.classified_date.date(), ticket.create_date.date())
        if "problem_cost" not in ticket._fields:
            self.assertEqual(ticket._cbo_problem_facts(), {})

    def test_build_digest_with_stored_previous_figures(self):
        now = [
            Problem(1, 10, "warehousing", late=True, cost=20.0, supplier_id=7),
            Problem(2, 10, "warehousing", cost=5.0, supplier_id=7, carrier_id=3),
            Problem(3, 20, "logistics", cost=50.0, carrier_id=3),
        ]
        digest = build_digest(now, {(10, "warehousing"): 4, (30, "packaging"): 1})
        self.assertEqual((digest.total, digest.previous_total, digest.late), (3, 5, 1))
        self.assertEqual(digest.cost, 75.0)
        lines = [(ln.cause_id, ln.count, ln.previous, ln.late, ln.cost) for ln in digest.lines]
        self.assertEqual(
            lines,
            [(10, 2, 4, 1, 25.0), (20, 1, 0, 0, 50.0), (30, 0, 1, 0, 0.0)],
        )
        self.assertEqual(digest.top_suppliers, [(7, 2, 25.0)])
        self.assertEqual(digest.top_carriers, [(3, 2, 55.0)])


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestDigestPeriodsRpc(DigestData, MonitorHttpCase):
    def test_agent_cannot_backdate_a_classification_over_json_rpc(self):
        ticket = self._ticket(name="Wrong colour", user_id=self.agent.id)
        self.authenticate("cbo_agent", "cbo_agent")
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "write",
            [
                ticket.ids,
                {"root_cause_id": self.c_wrong_item.id, "classified_date": "2026-10-01 00:00:00"},
            ],
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        self.assertIn("set by the system", error.get("message", ""))
        ticket.invalidate_recordset()
        self.assertFalse(ticket.classified_date)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestClassifiedDateMigration(MonitorCase):
    def test_existing_tickets_dated_from_the_tracked_cause_or_their_creation(self):
        migration = load_migration("19.0.2.1.0", "pre-migration.py")
        tracked = self._ticket(name="Classified later", created=datetime(2026, 11, 2, 9))
        tracked.root_cause_id = self.c_wrong_item
        field = self.env["ir.model.fields"]._get("helpdesk.ticket", "root_cause_id")
        self.env["mail.message"].create(  # the tracking line the cause left on 4 November
            {
                "model": "helpdesk.ticket",
                "res_id": tracked.id,
                "message_type": "notification",
                "date": datetime(2026, 11, 4, 10),
                "tracking_value_ids": [
                    (0, 0, {"field_id": field.id, "new_value_integer": self.c_wrong_item.id})
                ],
            }
        )
        at_creation = self._ticket(
            name="Classified at once",
            root_cause_id=self.c_missing.id,
            created=datetime(2026, 11, 3, 9),
        )
        untouched = self._ticket(name="Not classified")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET classified_date = NULL WHERE id IN %s",
            [(tracked.id, at_creation.id)],
        )
        self.env["helpdesk.ticket"].invalidate_model(["classified_date"])
        migration.migrate(self.env.cr, "19.0.2.0.0")
        self.assertEqual(tracked.classified_date, datetime(2026, 11, 4, 10))
        self.assertEqual(at_creation.classified_date, datetime(2026, 11, 3, 9))
        self.assertFalse(untouched.classified_date)
