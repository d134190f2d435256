# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools working per customer, over JSON-RPC as a salesperson who also ships:
what her order sold is delivered after its customer went back to the pool, not
more (Odoo invoices on delivery what was delivered: more goods are a sale)."""

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from odoo.addons.crossborder_ops_crm.tests.common import PoolCase, PoolRpc, RpcRefused

WAITS = "Wartend GmbH waits in the pool EU: claim the customer there before you sell to him"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale_stock")
class TestPoolDeliveries(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool_eu.ownership_mode = "customer"
        cls.new_a.group_ids += cls.env.ref("stock.group_stock_user")
        Partner = cls.env["res.partner"]
        cls.waiting_co = Partner.create({"name": "Wartend GmbH", "is_company": True})
        cls.buyer = Partner.create({"name": "Wanda", "parent_id": cls.waiting_co.id})
        cls.own_buyer = Partner.create({"name": "Walk-in buyer"})
        cls.waiting = cls._lead("Wartend: pumps", partner_id=cls.buyer.id)
        cls.product = cls.env["product.product"].create(
            {"name": "Pump", "list_price": 10.0, "type": "consu", "invoice_policy": "delivery"}
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _confirmed_order(self, partner):
        line = Command.create({"product_id": self.product.id, "product_uom_qty": 1})
        order = self.rpc("sale.order", "create", {"partner_id": partner.id, "order_line": [line]})
        self.rpc("sale.order", "action_confirm", [order])
        return self.env["sale.order"].browse(order)

    def _ship(self, order, quantity):
        """Her delivery of the order, with quantity of the pump, validated."""
        move = order.picking_ids.move_ids
        self.rpc("stock.move", "write", move.ids, {"quantity": quantity, "picked": True})
        return self.rpc("stock.picking", "button_validate", order.picking_ids.ids)

    def test_what_was_sold_is_delivered_not_more(self):
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        with self.subTest(path="a delivery validated with 100 pumps"):
            self.assertRaisesRegex(RpcRefused, WAITS, self._ship, order, 100)
            self.env.invalidate_all()
            self.assertEqual(order.picking_ids.state, "assigned", "nothing left the warehouse")
            self.assertEqual(order.order_line.qty_delivered, 0)
        self._ship(order, 1)
        self.env.invalidate_all()
        self.assertEqual(
            (order.picking_ids.state, order.order_line.qty_delivered),
            ("done", 1),
            "what was sold is hers to deliver",
        )
        done = order.picking_ids.move_ids
        with self.subTest(path="the done delivery's quantity raised afterwards"):
            self.assertRpcRefused(WAITS, "stock.move", "write", done.ids, {"quantity": 100})
            self.assertRpcRefused(
                WAITS, "stock.move.line", "write", done.move_line_ids.ids, {"quantity": 100}
            )
            self.env.invalidate_all()
            self.assertEqual(order.order_line.qty_delivered, 1)

    def test_her_own_customer_is_delivered_what_she_ships(self):
        order = self._confirmed_order(self.own_buyer)
        self._ship(order, 3)
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 3, "her customer, her delivery")
