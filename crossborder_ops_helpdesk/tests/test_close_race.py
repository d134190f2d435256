# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two agents close the same ticket at the same moment, each with another root
cause, raced for real on two database connections: the second waits and saves
after the first, as if it had come a moment later (one cause, one close, the
to-do and recurrence bookkeeping of the cause that stays)."""

import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import RaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestCloseRace(RaceCase):
    def setUp(self):
        super().setUp()
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
            agents = [
                new_test_user(
                    env,
                    login=f"race_close{i}_{tag}",
                    name=f"Agent {i} {tag}",
                    groups="helpdesk_mgmt.group_helpdesk_user",
                )
                for i in (1, 2)
            ]
            departments = env["hr.department"].create(
                [{"name": f"Warehouse {tag}"}, {"name": f"Logistics {tag}"}]
            )
            causes = env["crossborder.root.cause"].create(
                [
                    {"name": f"Wrong item {tag}", "link": "warehousing"},
                    {"name": f"Late {tag}", "link": "logistics"},
                ]
            )
            for cause, department in zip(causes, departments, strict=True):
                cause.department_id = department
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": f"Race CS {tag}",
                    "user_ids": [(6, 0, [a.id for a in agents])],
                    "require_root_cause": True,
                }
            )
            category = env["helpdesk.ticket.category"].create(
                {"name": f"Broken {tag}", "cs_stage": "after_sales"}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Where is my parcel, and it is the wrong one",
                    "description": "<p>Late, and not what I ordered.</p>",
                    "team_id": team.id,
                    "category_id": category.id,
                    "user_id": agents[0].id,
                }
            )
            self.ids = {
                "agents": [a.id for a in agents],
                "departments": departments.ids,
                "causes": causes.ids,
                "team": team.id,
                "category": category.id,
                "ticket": ticket.id,
            }
        self.addCleanup(self._delete_fixtures)

    def _delete_fixtures(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["helpdesk.ticket.category"].browse(self.ids["category"]).unlink()
            env["crossborder.root.cause"].browse(self.ids["causes"]).unlink()
            env["hr.department"].browse(self.ids["departments"]).unlink()
            env["res.users"].browse(self.ids["agents"]).unlink()

    def _close(self, index):
        """Agent ``index`` sets his cause and moves the ticket to Done (one save)."""

        def call(env):
            env = env(user=self.ids["agents"][index])
            env["helpdesk.ticket"].browse(self.ids["ticket"]).write(
                {
                    "root_cause_id": self.ids["causes"][index],
                    "stage_id": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
                }
            )

        return call

    def test_two_agents_close_at_once_with_two_causes(self):
        outcome = self._race(self._close(0), self._close(1))
        self.assertIsNone(outcome["error"])
        self.assertTrue(outcome["blocked"], "the second close waited for the first")
        env = self._committed_env()
        ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(ticket.root_cause_id.id, self.ids["causes"][1], "the later save")
        self.assertEqual(ticket.responsible_department_id.id, self.ids["departments"][1])
        self.assertEqual(ticket.attribution_state, "pending")
        self.assertEqual(ticket.classified_by_id.id, self.ids["agents"][1])
        self.assertEqual(ticket.closed_by_id.id, self.ids["agents"][0], "his ticket, closed once")
        self.assertEqual(ticket.reopen_count, 0)
        self.assertEqual(ticket.classified_department_id.id, self.ids["departments"][1])
