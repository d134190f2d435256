# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A reshipment made for a ticket while an agent marks it as a duplicate, raced
for real on two database connections: a duplicate has no cost of its own, so one
of the two is refused, whichever comes first."""

import uuid

from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import RaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDuplicateCostRace(RaceCase):
    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        env = self._committed_env()
        self.agent = new_test_user(
            env,
            login=f"race_dupcost_agent_{tag}",
            name=f"Agent {tag}",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        self.storekeeper = new_test_user(
            env,
            login=f"race_dupcost_store_{tag}",
            name=f"Store {tag}",
            groups="stock.group_stock_user,helpdesk_mgmt.group_helpdesk_user",
        )
        self.buyer = env["res.partner"].create({"name": f"Buyer {tag}"})
        buyer = self.buyer.id
        self.tickets = env["helpdesk.ticket"].create(
            [
                {"name": f"Lamp broken {tag}", "description": "<p>?</p>", "partner_id": buyer},
                {
                    "name": f"Lamp broken, again {tag}",
                    "description": "<p>?</p>",
                    "partner_id": buyer,
                },
            ]
        )
        env.cr.commit()  # pylint: disable=invalid-commit  # both connections see them
        self.addCleanup(self._delete, env)

    def _delete(self, env):
        env.invalidate_all()
        pickings = env["stock.picking"].search([("helpdesk_ticket_id", "in", self.tickets.ids)])
        pickings.action_cancel()
        pickings.unlink()
        self.tickets.write({"duplicate_id": False})
        self.tickets.unlink()
        (self.agent | self.storekeeper).unlink()
        self.buyer.unlink()
        env.cr.commit()  # pylint: disable=invalid-commit  # the fixtures were committed

    def _reship(self, env):
        """The warehouse makes a replacement delivery for the first ticket."""
        env = env(user=self.storekeeper.id)
        out = env.ref("stock.picking_type_out")
        env["stock.picking"].create(
            {
                "picking_type_id": out.id,
                "partner_id": self.buyer.id,
                "helpdesk_ticket_id": self.tickets[0].id,
            }
        )

    def _mark(self, env):
        """The agent marks the first ticket as a duplicate of the second."""
        env = env(user=self.agent.id)
        ticket = env["helpdesk.ticket"].browse(self.tickets[0].id)
        ticket.write({"duplicate_id": self.tickets[1].id})

    def _state(self):
        env = self._committed_env()
        ticket = env["helpdesk.ticket"].browse(self.tickets[0].id)
        return bool(ticket.duplicate_id), bool(ticket.reship_ids)

    def test_marked_as_a_duplicate_while_reshipped(self):
        outcome = self._race(self._reship, self._mark)
        self.assertTrue(outcome["blocked"], "the marking waited for the reshipment (pg_locks)")
        self.assertIn("has refunds or reshipments of its own", str(outcome["error"]))
        self.assertEqual(self._state(), (False, True))

    def test_reshipped_while_marked_as_a_duplicate(self):
        outcome = self._race(self._mark, self._reship)
        self.assertTrue(outcome["blocked"], "the reshipment waited for the marking (pg_locks)")
        self.assertIn("is a duplicate of", str(outcome["error"]))
        self.assertEqual(self._state(), (True, False))
