# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two agents mark two tickets of one customer as duplicates of each other at the
same moment, raced for real on two database connections: each save saw the
other ticket unmarked, and both became duplicates (neither counted the problem)."""

import uuid

from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import RaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDuplicateRace(RaceCase):
    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        env = self._committed_env()
        agents = [
            new_test_user(
                env,
                login=f"race_dup{i}_{tag}",
                name=f"Agent {i} {tag}",
                groups="helpdesk_mgmt.group_helpdesk_user",
            )
            for i in (1, 2)
        ]
        tickets = env["helpdesk.ticket"].create(
            [
                {"name": f"Where is my parcel? {tag}", "description": "<p>?</p>"},
                {"name": f"Parcel still not here {tag}", "description": "<p>?</p>"},
            ]
        )
        env.cr.commit()  # pylint: disable=invalid-commit  # both connections see them
        self.agents, self.tickets = [a.id for a in agents], tickets.ids
        self.addCleanup(self._delete, env, agents, tickets)

    def _delete(self, env, agents, tickets):
        env.invalidate_all()
        tickets.write({"duplicate_id": False})
        tickets.unlink()
        env["res.users"].browse([a.id for a in agents]).unlink()
        env.cr.commit()  # pylint: disable=invalid-commit  # the fixtures were committed

    def _mark(self, index):
        """Agent ``index`` marks ticket ``index`` as a duplicate of the other one."""
        ticket, other = self.tickets[index], self.tickets[1 - index]

        def call(env):
            env = env(user=self.agents[index])
            env["helpdesk.ticket"].browse(ticket).write({"duplicate_id": other})

        return call

    def test_two_tickets_marked_as_each_others_duplicate_at_once(self):
        outcome = self._race(self._mark(0), self._mark(1))
        self.assertTrue(outcome["blocked"], "the second marking waited (pg_locks)")
        self.assertIn("duplicates of its own", str(outcome["error"]))
        env = self._committed_env()
        marked = env["helpdesk.ticket"].browse(self.tickets).filtered("duplicate_id")
        self.assertEqual(marked.ids, self.tickets[:1], "one is the duplicate, one the problem")
