# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import tagged

from .common import MonitorCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestMonitorReport(MonitorCase):
    def test_pivot_by_link_department_and_month(self):
        self.env.cr.execute("UPDATE helpdesk_ticket SET active = false")  # only ours count
        for created, cause in [
            (datetime(2026, 3, 2, 10), self.c_wrong_item),
            (datetime(2026, 3, 31, 23), self.c_missing),
            (datetime(2026, 4, 1, 1), self.c_wrong_item),
            (datetime(2026, 4, 15), self.c_late),
        ]:
            self._ticket(created=created, root_cause_id=cause.id)
        self.env.flush_all()
        groups = self.env["crossborder.ticket.report"]._read_group(
            [("link", "!=", False)], ["link", "department_id", "month:month"], ["__count"]
        )
        counts = {(link, dept.id, str(month)): count for link, dept, month, count in groups}
        warehouse = self.c_wh.department_id.id
        logistics = self.c_log.department_id.id
        self.assertEqual(
            counts,
            {
                ("warehousing", warehouse, "2026-03-01"): 2,
                ("warehousing", warehouse, "2026-04-01"): 1,
                ("logistics", logistics, "2026-04-01"): 1,
            },
        )

    def test_month_follows_the_opening_date(self):
        ticket = self._ticket(created=datetime(2026, 5, 31, 22))
        report = self.env["crossborder.ticket.report"]
        self.assertEqual(report.search([("ticket_id", "=", ticket.id)]).month, date(2026, 5, 1))
        # the month is PostgreSQL's own: even a change made in SQL keeps it right
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = '2026-06-01 00:30' WHERE id = %s",
            [ticket.id],
        )
        report.invalidate_model()
        self.assertEqual(report.search([("ticket_id", "=", ticket.id)]).month, date(2026, 6, 1))
