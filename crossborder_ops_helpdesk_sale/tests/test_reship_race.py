# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two reshipments of one ticket validated at the same moment by two warehouse
users, raced for real on two database connections: the ticket's cost of the
problem counts both."""

import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import RaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestReshipRace(RaceCase):
    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            storekeepers = [
                new_test_user(
                    env,
                    login=f"race_store{i}_{tag}",
                    name=f"Store {i} {tag}",
                    groups="stock.group_stock_user,helpdesk_mgmt.group_helpdesk_user",
                )
                for i in (1, 2)
            ]
            team = env["helpdesk.ticket.team"].create(
                {"name": f"Race CS {tag}", "user_ids": [(6, 0, [u.id for u in storekeepers])]}
            )
            buyer = env["res.partner"].create(
                {"name": f"Buyer {tag}", "country_id": env.ref("base.uk").id}
            )
            # consumable: its deliveries need no stock, and count at its cost
            product = env["product.product"].create(
                {"name": f"Lamp {tag}", "type": "consu", "standard_price": 12.5}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.id,
                    "client_order_ref": f"204-{tag}",
                    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
                }
            )
            order.action_confirm()
            delivery = order.picking_ids
            delivery.move_ids.quantity = 2.0
            delivery.move_ids.picked = True
            delivery._action_done()
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Both lamps broken",
                    "description": "<p>Crushed box.</p>",
                    "team_id": team.id,
                    "marketplace_order_ref": f"204-{tag}",
                    "product_id": product.id,
                }
            )
            reships = env["stock.picking"]
            for _i in range(2):
                reship = env["stock.picking"].browse(
                    ticket.with_user(storekeepers[0]).action_reship()["res_id"]
                )
                reship.move_ids.quantity = 2.0
                reship.move_ids.picked = True
                reships |= reship
            self.ids = {
                "users": [u.id for u in storekeepers],
                "team": team.id,
                "buyer": buyer.id,
                "product": product.id,
                "order": order.id,
                "pickings": (delivery | reships).ids,
                "reships": reships.ids,
                "ticket": ticket.id,
            }
        self.addCleanup(self._delete_fixtures)

    def _delete_fixtures(self):
        with self.registry.cursor() as cr:
            # done deliveries are kept by the model: they go by SQL
            pickings = tuple(self.ids["pickings"])
            cr.execute("DELETE FROM stock_move_line WHERE picking_id IN %s", [pickings])
            cr.execute("DELETE FROM stock_move WHERE picking_id IN %s", [pickings])
            cr.execute("DELETE FROM stock_picking WHERE id IN %s", [pickings])
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            order = env["sale.order"].browse(self.ids["order"])
            order._action_cancel()
            order.unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["buyer"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()

    def _validate(self, index):
        """A warehouse user validates one of the reshipments."""

        def call(env):
            env = env(user=self.ids["users"][index])
            env["stock.picking"].browse(self.ids["reships"][index]).button_validate()

        return call

    def test_two_reshipments_validated_at_once_both_count(self):
        outcome = self._race(self._validate(0), self._validate(1))
        self.assertIsNone(outcome["error"])
        env = self._committed_env()
        ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
        self.assertEqual(
            env["stock.picking"].browse(self.ids["reships"]).mapped("state"), ["done", "done"]
        )
        self.assertEqual(ticket.reship_cost, 50.0, "twice two lamps at 12.50")
        self.assertEqual(ticket.problem_cost, 50.0)
        self.assertTrue(outcome["blocked"], "the second validation waited for the first")
