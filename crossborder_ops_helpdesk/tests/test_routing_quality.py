# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Work routed by measured quality and availability (issue 16)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from ..monitor.routing import Agent, pick
from .common import MonitorCase

MONDAY_10 = datetime(2026, 3, 2, 10, 0)  # a Monday
MONDAY_15 = datetime(2026, 3, 2, 15, 0)


@tagged("post_install", "-at_install")
class TestRoutingQuality(MonitorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # Ada (cls.agent): sloppy, her tickets come back; Bea: careful
        cls.careful = new_test_user(
            env, login="cbo_careful", name="Bea Careful", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team.write(
            {
                "user_ids": [(4, cls.careful.id)],
                "after_sales_user_ids": [(6, 0, (cls.agent | cls.careful).ids)],
            }
        )
        cls.mornings = env["resource.calendar"].create(
            {
                "name": "T-Student mornings",
                "tz": "UTC",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Monday morning",
                            "dayofweek": "0",
                            "hour_from": 9,
                            "hour_to": 13,
                            "day_period": "morning",
                        },
                    )
                ],
            }
        )
        # the history the quality is measured on: 2 closed tickets each, one of
        # Ada's came back
        history = [(cls.agent, 1), (cls.agent, 0), (cls.careful, 0), (cls.careful, 0)]
        tickets = env["helpdesk.ticket"].create(
            [{"name": f"T-old {i}", "description": "x"} for i in range(len(history))]
        )
        env.flush_all()
        for ticket, (user, reopened) in zip(tickets, history, strict=True):
            env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET user_id = %s, closed_by_id = %s, "
                    "reopen_count = %s, stage_id = %s, create_date = %s WHERE id = %s",
                    user.id,
                    user.id,
                    reopened,
                    cls.stage_done.id,
                    MONDAY_10 - timedelta(days=10),
                    ticket.id,
                )
            )
        env.invalidate_all()

    def _route(self):
        return self._ticket(category_id=self.cat_after.id).user_id

    def _part_timer(self, user):
        self.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "resource_calendar_id": self.mornings.id,
                "crossborder_employment_kind": "part_time_student",
            }
        )

    def test_planner(self):
        agents = [Agent(1, 2, True, 50.0), Agent(2, 3, True, 0.0), Agent(3, 0, False, 0.0)]
        self.assertEqual(pick(agents, 0.0), 1, "least busy available")
        self.assertEqual(pick(agents, 1.0), 2, "2 + 5 against 3 + 0")
        self.assertIsNone(pick([Agent(3, 0, False)], 1.0), "nobody available")

    @freeze_time(MONDAY_10)
    def test_prefers_the_better_measured_agent(self):
        self.assertLess(self.agent.id, self.careful.id)
        self.assertEqual(self._route(), self.agent, "without weight: the tie goes to Ada")
        self.team.crossborder_quality_weight = 1.0
        # Ada now carries 1 open ticket and 50 % reopened (counts 1 + 5), Bea 0
        self.assertEqual(self._route(), self.careful)
        self.assertEqual(self._route(), self.careful, "1 + 0 against 1 + 5")

    @freeze_time(MONDAY_15)
    def test_never_outside_a_part_timers_window(self):
        self._part_timer(self.careful)
        self.team.crossborder_quality_weight = 1.0
        # Bea is better measured and idle, but her mornings are over
        for _i in range(3):
            self.assertEqual(self._route(), self.agent)
        self._part_timer(self.agent)
        self.assertFalse(self._route(), "nobody on duty: the ticket waits in the queue")

    @freeze_time(MONDAY_10)
    def test_part_timer_inside_her_window(self):
        self._part_timer(self.careful)
        self.team.crossborder_quality_weight = 1.0
        self.assertEqual(self._route(), self.careful)
