# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MonitorCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestHelpdeskSecurity(MonitorCase):
    def test_department_manager_reads_only_own_department(self):
        mine = self._ticket(root_cause_id=self.c_wrong_item.id)
        theirs = self._ticket(root_cause_id=self.c_late.id)
        Ticket = self.env["helpdesk.ticket"].with_user(self.wh_manager_user)
        self.assertEqual(Ticket.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.wh_manager_user).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(self.wh_manager_user).name = "changed"
        Feedback = self.env["crossborder.feedback"]
        Feedback._generate_batch(today=date(2026, 12, 1))
        own = Feedback.create(
            {
                "department_id": self.warehouse.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 1, 7),
            }
        )
        other = Feedback.create(
            {
                "department_id": self.logistics.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 1, 7),
            }
        )
        visible = Feedback.with_user(self.wh_manager_user).search([("id", "in", (own | other).ids)])
        self.assertEqual(visible, own)

    def test_agents_cannot_edit_the_taxonomy(self):
        with self.assertRaises(AccessError):
            self.c_late.with_user(self.agent).name = "Renamed"
        with self.assertRaises(AccessError):
            self.env["crossborder.root.cause"].with_user(self.agent).create(
                {"name": "x", "link": "logistics"}
            )
        self.c_late.with_user(self.cs_manager).description = "Over the promised delivery window"

    def test_cause_without_link_refused(self):
        with self.assertFails(ValidationError, "needs the link of the chain"):
            self.env["crossborder.root.cause"].create({"name": "Mystery"})
        with self.assertFails(ValidationError, "2 to 100,000 tickets"):
            self.env["res.config.settings"].create({"cbo_recurrence_threshold": 1}).execute()
