# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import MonitorHttpCase, weekly_digest_of_own_tickets

TODAY = date(2026, 11, 9)  # the feedback of 2 - 8 November 2026


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestArchivedProblemsStillCount(MonitorHttpCase):
    """An agent archiving a classified ticket does not take its problem out of
    the department's numbers: feedback, examples, recurrences, the effect of a
    corrective action, the monitor report (audit F4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        weekly_digest_of_own_tickets(cls.env)
        param = cls.env["ir.config_parameter"].set_param
        param("crossborder_ops_helpdesk.recurrence_threshold", 3)
        param("crossborder_ops_helpdesk.recurrence_window_days", 30)
        param("crossborder_ops_helpdesk.effect_window_days", 28)
        param("crossborder_ops_helpdesk.effect_min_drop", 50)
        param("crossborder_ops_helpdesk.effect_max_unclassified", 20)

    def _archive_as_agent(self, tickets):
        self.assertTrue(
            self._as("cbo_agent", "helpdesk.ticket", "write", [tickets.ids, {"active": False}])
        )
        self.assertFalse(any(tickets.mapped("active")))

    def _as(self, login, model, method, args, **kwargs):
        self.env.flush_all()
        self.authenticate(login, login)
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertFalse(error)
        self.env.invalidate_all()
        return result

    def test_feedback_counts_and_shows_an_archived_problem(self):
        picked = self._ticket(
            name="Sent the blue one",
            user_id=self.agent.id,
            root_cause_id=self.c_wrong_item.id,
            created=datetime(2026, 11, 4, 9),
        )
        self._archive_as_agent(picked)
        self.env["crossborder.feedback"]._generate_batch(today=TODAY)
        feedback = self._as(
            "cbo_wh_mgr",
            "crossborder.feedback",
            "search_read",
            [
                [
                    ("department_id", "=", self.warehouse.id),
                    ("date_to", "=", str(TODAY - timedelta(1))),
                ]
            ],
            fields=["ticket_count", "example_ticket_ids", "body_html"],
        )
        self.assertEqual(len(feedback), 1, "the department hears about its problem")
        self.assertEqual(feedback[0]["ticket_count"], 1)
        self.assertEqual(feedback[0]["example_ticket_ids"], picked.ids)
        self.assertIn("Sent the blue one", feedback[0]["body_html"])
        # the monitor report counts it too
        count = self._as(
            "cbo_cs_manager",
            "crossborder.ticket.report",
            "search_count",
            [[("ticket_id", "=", picked.id), ("department_id", "=", self.warehouse.id)]],
        )
        self.assertEqual(count, 1)

    def test_example_archived_after_its_feedback_stays(self):
        picked = self._ticket(
            name="Sent the red one",
            user_id=self.agent.id,
            root_cause_id=self.c_wrong_item.id,
            created=datetime(2026, 11, 4, 9),
        )
        self.env["crossborder.feedback"]._generate_batch(today=TODAY)
        self._archive_as_agent(picked)
        feedback = self._as(
            "cbo_wh_mgr",
            "crossborder.feedback",
            "search_read",
            [
                [
                    ("department_id", "=", self.warehouse.id),
                    ("date_to", "=", str(TODAY - timedelta(1))),
                ]
            ],
            fields=["ticket_count", "example_ticket_ids"],
        )
        self.assertEqual(
            (feedback[0]["ticket_count"], feedback[0]["example_ticket_ids"]), (1, picked.ids)
        )

    def test_recurrence_counts_archived_tickets(self):
        start = fields.Datetime.now() - timedelta(days=10)
        first, second, third = (
            self._ticket(
                name=f"Late scarf {day}",
                user_id=self.agent.id,
                product_id=self.product_b.id,
                created=start + timedelta(days=day),
            )
            for day in (0, 2, 4)
        )
        (first | second).root_cause_id = self.c_late
        self._archive_as_agent(first)  # answered and archived
        result = self._as(
            "cbo_agent", "helpdesk.ticket", "write", [third.ids, {"root_cause_id": self.c_late.id}]
        )
        self.assertTrue(result)
        recurrences = self._as(
            "cbo_log_mgr",
            "crossborder.recurrence",
            "search_read",
            [[("root_cause_id", "=", self.c_late.id), ("product_id", "=", self.product_b.id)]],
            fields=["ticket_count", "state"],
        )
        self.assertEqual(
            [(r["ticket_count"], r["state"]) for r in recurrences],
            [(3, "open")],
            "three late deliveries of the scarf, one of them archived",
        )

    def test_effect_of_an_action_counts_archived_tickets(self):
        today = fields.Date.today()
        done = today - timedelta(days=30)
        at = datetime.combine(done, datetime.min.time())
        before = [at - timedelta(days=d) for d in (3, 8, 13, 18)]
        after = [at + timedelta(days=d) for d in (3, 8, 13, 18)]
        tickets = self.env["helpdesk.ticket"]
        for when in before + after:
            tickets |= self._ticket(
                user_id=self.agent.id,
                root_cause_id=self.c_wrong_item.id,
                product_id=self.product.id,
                created=when,
            )
        action = self.env["crossborder.corrective.action"].create(
            {
                "name": "Scan every item at packing",
                "department_id": self.warehouse.id,
                "root_cause_id": self.c_wh.id,
                "product_id": self.product.id,
            }
        )
        action.action_done()
        action.sudo().done_date = done
        # a duplicate a helpdesk manager archives without a cause is no problem
        # left unclassified
        spam = self._ticket(
            category_id=self.cat_after.id,
            product_id=self.product.id,
            created=at + timedelta(days=5),
        )
        self._as("cbo_cs_manager", "helpdesk.ticket", "action_archive", [spam.ids])
        self._archive_as_agent(tickets[-3:])  # three of the four problems after
        self._as("cbo_cs_manager", "crossborder.corrective.action", "action_verify", [action.ids])
        verdict = self._as(
            "cbo_wh_mgr",
            "crossborder.corrective.action",
            "read",
            [action.ids],
            fields=["rate_before", "rate_after", "effectiveness", "unclassified_after"],
        )[0]
        self.assertEqual(
            (verdict["rate_before"], verdict["rate_after"], verdict["unclassified_after"]),
            (1.0, 1.0, 0),
        )
        self.assertEqual(verdict["effectiveness"], "not_effective", "archiving is no cure")
