# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two agents classify two tickets with the same cause, for the same product, at
the same moment, raced for real on two database connections: each counted the
tickets without the other's, so that the recurrence one short of its threshold
was never opened, or, one ticket further, opened twice."""

import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import RaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestRecurrenceRace(RaceCase):
    def setUp(self):
        super().setUp()
        # the customer-service addon's own rule: the fixed count (no shipments known,
        # even where the sales addon counts them; its tests cover the rates)
        self.startPatcher(
            patch.object(
                type(self.env["crossborder.recurrence"]),
                "_cbo_recurrence_opportunities",
                lambda self, company, keys, periods: None,
            )
        )
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.threshold = env["res.config.settings"]._cbo_param("recurrence_threshold")
            agents = [
                new_test_user(
                    env,
                    login=f"race_agent{i}_{tag}",
                    name=f"Agent {i} {tag}",
                    groups="helpdesk_mgmt.group_helpdesk_user",
                )
                for i in (1, 2)
            ]
            manager = new_test_user(
                env, login=f"race_dept_{tag}", name=f"Walt {tag}", groups="base.group_user"
            )
            employee = env["hr.employee"].create({"name": f"Walt {tag}", "user_id": manager.id})
            department = env["hr.department"].create(
                {"name": f"Warehouse {tag}", "manager_id": employee.id}
            )
            cause = env["crossborder.root.cause"].create(
                {"name": f"Wrong item {tag}", "link": "warehousing", "department_id": department.id}
            )
            product = env["product.product"].create({"name": f"Adapter {tag}"})
            team = env["helpdesk.ticket.team"].create(
                {"name": f"Race CS {tag}", "user_ids": [(6, 0, [a.id for a in agents])]}
            )
            # enough tickets for the two raced ones to be the threshold's last (and, one
            # more already there, to find the recurrence opened by the first of them)
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Wrong adapter {i}",
                        "description": "<p>Not the one I ordered.</p>",
                        "team_id": team.id,
                        "product_id": product.id,
                    }
                    for i in range(self.threshold + 1)
                ]
            )
            self.ids = {
                "agents": [a.id for a in agents],
                "manager": manager.id,
                "employee": employee.id,
                "department": department.id,
                "cause": cause.id,
                "product": product.id,
                "team": team.id,
                "tickets": tickets.ids,
            }
        self.addCleanup(self._delete_fixtures)

    def _delete_fixtures(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["crossborder.recurrence"].search(
                [("root_cause_id", "=", self.ids["cause"])]
            ).unlink()
            env["helpdesk.ticket"].browse(self.ids["tickets"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["crossborder.root.cause"].browse(self.ids["cause"]).unlink()
            env["hr.department"].browse(self.ids["department"]).unlink()
            env["hr.employee"].browse(self.ids["employee"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.users"].browse([*self.ids["agents"], self.ids["manager"]]).unlink()

    def _classified_before(self, count):
        """``count`` of the tickets have the cause already."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].browse(self.ids["tickets"][:count])
            tickets.write({"root_cause_id": self.ids["cause"]})
            self.assertFalse(tickets.recurrence_ids, "not a recurrence yet")

    def _classify(self, index, agent):
        """An agent sets the cause of one of the tickets (its form, saved)."""

        def call(env):
            env = env(user=self.ids["agents"][agent])
            ticket = env["helpdesk.ticket"].browse(self.ids["tickets"][index])
            ticket.write({"root_cause_id": self.ids["cause"]})

        return call

    def _recurrences(self):
        env = self._committed_env()
        return env["crossborder.recurrence"].search(
            [("root_cause_id", "=", self.ids["cause"]), ("state", "=", "open")]
        )

    def test_the_last_two_tickets_classified_at_once_open_the_recurrence(self):
        before = self.threshold - 2
        self._classified_before(before)
        outcome = self._race(self._classify(before, 0), self._classify(before + 1, 1))
        self.assertIsNone(outcome["error"])
        recurrences = self._recurrences()
        self.assertEqual(len(recurrences), 1, "the threshold was reached: one recurrence")
        self.assertTrue(outcome["blocked"], "the second count waited for the first (pg_locks)")
        self.assertEqual(
            sorted(recurrences.ticket_ids.ids), sorted(self.ids["tickets"][: self.threshold])
        )
        self.assertEqual(recurrences.ticket_count, self.threshold)

    def test_two_tickets_past_the_threshold_at_once_open_one_recurrence(self):
        before = self.threshold - 1
        self._classified_before(before)
        outcome = self._race(self._classify(before, 0), self._classify(before + 1, 1))
        self.assertIsNone(outcome["error"])
        recurrences = self._recurrences()
        self.assertEqual(len(recurrences), 1, "one recurrence for one cause and product")
        self.assertTrue(outcome["blocked"], "the second count waited for the first (pg_locks)")
        self.assertEqual(
            sorted(recurrences.ticket_ids.ids), sorted(self.ids["tickets"][: self.threshold + 1])
        )
        self.assertEqual(recurrences.ticket_count, self.threshold + 1)
        # its department manager is asked once to decide a corrective action
        self.assertEqual(len(recurrences.activity_ids), 1)
