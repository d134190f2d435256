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

    def _confirmed_order(self, partner, quantity=1):
        line = Command.create({"product_id": self.product.id, "product_uom_qty": quantity})
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

    def test_a_delivery_is_not_made_to_count_more(self):
        """Past the validation, a move written done, a done delivery linked to
        the order (its move or the picking) or given another unit counted more
        delivered on the order (outside audit 22, G1, G2, G5)."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer)
        other = self._confirmed_order(self.buyer, 2)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        move = order.picking_ids.move_ids
        self.rpc("stock.move", "write", move.ids, {"quantity": 100, "picked": True})
        self.assertRpcRefused(WAITS, "stock.move", "write", move.ids, {"state": "done"})
        self._ship(other, 2)  # what was sold: hers to deliver
        mine = self._confirmed_order(self.own_buyer)
        self._ship(mine, 5)
        done = mine.picking_ids.move_ids
        line = other.order_line
        with self.subTest(path="a done move linked to the order's line"):
            self.assertRpcRefused(WAITS, "stock.move", "write", done.ids, {"sale_line_id": line.id})
        with self.subTest(path="a done delivery linked to the order"):
            self.assertRpcRefused(
                WAITS, "stock.picking", "write", mine.picking_ids.ids, {"sale_id": other.id}
            )
        with self.subTest(path="the unit of the done move: 2 units, 0.17 dozen"):
            self.assertRpcRefused(
                WAITS,
                "stock.move",
                "write",
                other.picking_ids.move_ids.ids,
                {"product_uom": self.env.ref("uom.product_uom_dozen").id},
                context={"skip_uom_conversion": True},
            )
        self.env.invalidate_all()
        self.assertEqual((order.order_line | line).mapped("qty_delivered"), [0, 2])

    def test_a_return_stays_a_return(self):
        """A done return whose mark was taken off (refunded or not) still counted
        as a return until Odoo recomputed the order, then the goods delivered
        again counted twice (outside audit 23, H1: 4 delivered of 2 sold)."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer)
        self._ship(order, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        picking = order.picking_ids
        for _again in range(2):  # the return, then the return of the return
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({})
            )
            wizard.product_return_moves.quantity = 1
            picking = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
            picking.move_ids.write({"quantity": 1, "picked": True})
            picking.button_validate()
        returned = order.order_line.move_ids.filtered(
            lambda move: move.to_refund and move.location_id.usage == "customer"
        )
        self.assertEqual(order.order_line.qty_delivered, 1, "delivered, returned, again")
        self.assertRpcRefused(WAITS, "stock.move", "write", returned.ids, {"to_refund": False})
        returned.invalidate_recordset()
        self.assertTrue(returned.to_refund)

    def test_her_orders_ship_to_her_customers(self):
        """Her order's delivery sent to a customer waiting in the pool shipped
        to him, as the order's delivery address would (outside audit 22, G6)."""
        order = self._confirmed_order(self.own_buyer)
        self.assertRpcRefused(
            WAITS, "stock.picking", "write", order.picking_ids.ids, {"partner_id": self.buyer.id}
        )
        self.assertEqual(order.picking_ids.partner_id, self.own_buyer)

    def test_her_own_customer_is_delivered_what_she_ships(self):
        order = self._confirmed_order(self.own_buyer)
        self._ship(order, 3)
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 3, "her customer, her delivery")
