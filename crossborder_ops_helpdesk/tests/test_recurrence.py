# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MonitorCase

T0 = datetime(2026, 10, 1, 9)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestRecurrence(MonitorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("crossborder_ops_helpdesk.recurrence_threshold", 3)
        cls.env["ir.config_parameter"].set_param(
            "crossborder_ops_helpdesk.recurrence_window_days", 30
        )
        cls.scarf = cls.product_b

    def _late(self, day, **values):
        ticket = self._ticket(created=T0 + timedelta(days=day), product_id=self.scarf.id, **values)
        ticket.root_cause_id = self.c_late  # setting the cause triggers the detection
        return ticket

    def _recurrences(self):
        return self.env["crossborder.recurrence"].search(
            [
                ("root_cause_id", "=", self.c_late.id),
                ("dimension", "=", "product"),
                ("product_id", "=", self.scarf.id),
            ]
        )

    def test_opened_at_exactly_n_within_w(self):
        self._late(0)
        self._late(12)
        self.assertFalse(self._recurrences(), "N-1 tickets")
        third = self._late(29)
        recurrence = self._recurrences()
        self.assertEqual(recurrence.ticket_count, 3)
        self.assertEqual(recurrence.department_id, self.logistics)
        self.assertTrue(third.in_recurrence)
        self.assertEqual(recurrence.activity_ids.user_id, self.log_manager_user)
        self._late(30)
        self.assertEqual(len(self._recurrences()), 1, "a fourth ticket joins the open recurrence")

    def test_not_opened_outside_window(self):
        self._late(0)
        self._late(12)
        self._late(30)  # 30 days after the first: another window
        self.assertFalse(self._recurrences())

    def test_by_destination_country(self):
        for day in (0, 1, 2):
            ticket = self._ticket(created=T0 + timedelta(days=day), buyer_country_id=self.fr.id)
            ticket.root_cause_id = self.c_missing
        recurrence = self.env["crossborder.recurrence"].search(
            [("root_cause_id", "=", self.c_missing.id), ("dimension", "=", "country")]
        )
        self.assertEqual((recurrence.country_id, recurrence.ticket_count), (self.fr, 3))

    def test_effective_action_closes_recurrence(self):
        for day in (0, 5, 10):
            self._late(day)
        recurrence = self._recurrences()
        action = (
            self.env["crossborder.corrective.action"]
            .with_context(**recurrence.action_new_corrective_action()["context"])
            .create({"name": "Switch carrier"})
        )
        self.assertEqual((action.root_cause_id, action.product_id), (self.c_late, self.scarf))
        action.action_done()
        action.done_date = (T0 + timedelta(days=11)).date()
        with freeze_time(T0 + timedelta(days=60)):
            action.action_verify()
        self.assertEqual(action.effectiveness, "effective")
        self.assertEqual(recurrence.state, "closed")
