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
CORRECT = (
    "Wartend GmbH waits in the pool EU: claim the customer there before you correct "
    "what was delivered to him"
)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale_stock")
class TestPoolDeliveries(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._waiting_customer()
        cls.new_a.group_ids += cls.env.ref("stock.group_stock_user")
        cls.product = cls.env["product.product"].create(
            {"name": "Pump", "list_price": 10.0, "type": "consu", "invoice_policy": "delivery"}
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _confirmed_order(self, partner, quantity=1, product=None):
        product = product or self.product
        line = Command.create({"product_id": product.id, "product_uom_qty": quantity})
        order = self.rpc("sale.order", "create", {"partner_id": partner.id, "order_line": [line]})
        self.rpc("sale.order", "action_confirm", [order])
        return self.env["sale.order"].browse(order)

    def _ship(self, order, quantity, **kwargs):
        """Her delivery of the order, with quantity of the pump, validated."""
        move = order.picking_ids.move_ids
        self.rpc("stock.move", "write", move.ids, {"quantity": quantity, "picked": True})
        return self.rpc("stock.picking", "button_validate", order.picking_ids.ids, **kwargs)

    def _return(self, picking, validate=True):
        """The return of picking's one unit (validated), as the warehouse makes it."""
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = 1
        picking = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        if validate:
            picking.move_ids.write({"quantity": 1, "picked": True})
            picking.button_validate()
        return picking

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
            self.assertRpcRefused(CORRECT, "stock.move", "write", done.ids, {"quantity": 100})
            self.assertRpcRefused(
                CORRECT, "stock.move.line", "write", done.move_line_ids.ids, {"quantity": 100}
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
                CORRECT,
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
        self._return(self._return(order.picking_ids))  # the return, then its return
        returned = order.order_line.move_ids.filtered(
            lambda move: move.to_refund and move.location_id.usage == "customer"
        )
        self.assertEqual(order.order_line.qty_delivered, 1, "delivered, returned, again")
        self.assertRpcRefused(CORRECT, "stock.move", "write", returned.ids, {"to_refund": False})
        returned.invalidate_recordset()
        self.assertTrue(returned.to_refund)

    def test_a_delivery_counts_whatever_the_accrual_date(self):
        """Odoo's accrual date (a key any client may send) left the moves dated
        after it out of the stored delivered quantity: a return dated later,
        then an open return's line deleted with the key, counted 2 delivered
        of 1 sold, which an accountant would invoice (outside audit 24, I1)."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer)
        self._ship(order, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        again = self._return(self._return(order.picking_ids))  # delivered again
        returned = order.order_line.move_ids.filtered(lambda m: m.location_id.usage == "customer")
        self.rpc("stock.move", "write", returned.ids, {"date": "2099-01-01 00:00:00"})
        open_return = self._return(again, validate=False)
        self.assertTrue(open_return.move_ids.move_line_ids, "reserved, as Odoo reserves it")
        self.rpc(
            "stock.move.line",
            "unlink",
            open_return.move_ids.move_line_ids.ids,
            context={"accrual_entry_date": "2050-01-01"},
        )
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 1, "delivered, returned, again")

    def test_a_done_delivery_is_corrected_by_the_customers_salesperson(self):
        """A done delivery rewritten (another product, sale line, destination,
        return mark, quantity or state) counted less delivered to a customer
        waiting in the pool, which an accountant would refund without a
        return (outside audit 24, I2). Her own customer's she corrects."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer)
        mine = self._confirmed_order(self.own_buyer, 3)
        self._ship(order, 1)
        self._ship(mine, 3)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        done = order.picking_ids.move_ids
        other = self.env["product.product"].create({"name": "Valve", "type": "consu"})
        stock = order.picking_ids.location_id
        for vals in (
            {"product_id": other.id},
            {"sale_line_id": False},
            {"location_dest_id": stock.id},
            {"quantity": 0},
            {"state": "assigned"},
            {"to_refund": True, "origin_returned_move_id": mine.picking_ids.move_ids.id},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused(CORRECT, "stock.move", "write", done.ids, vals)
        with self.subTest(path="the done delivery's destination"):
            self.assertRpcRefused(
                CORRECT,
                "stock.picking",
                "write",
                order.picking_ids.ids,
                {"location_dest_id": stock.id},
            )
        with self.subTest(path="the detailed quantity"):
            self.assertRpcRefused(
                CORRECT, "stock.move.line", "write", done.move_line_ids.ids, {"quantity": 0}
            )
        self.rpc("stock.move", "write", done.ids, {"quantity": 1})  # the same: passes
        self.env.invalidate_all()
        self.assertEqual((order.order_line.qty_delivered, done.product_id), (1, self.product))
        corrected = mine.picking_ids.move_ids.move_line_ids
        self.rpc("stock.move.line", "write", corrected.ids, {"quantity": 2})
        self.env.invalidate_all()
        self.assertEqual(mine.order_line.qty_delivered, 2, "her customer: hers to correct")

    def test_what_was_delivered_counts_until_it_is_returned(self):
        """Done moves linked, made done or given move lines afterwards counted
        goods as returned that nobody returned, down to less than nothing,
        and a return took back more than was delivered: an accountant would
        refund them (outside audit 25, F1 to F5). A return of what was
        delivered is validated as before."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer)
        self._ship(order, 1)
        mine = self._confirmed_order(self.own_buyer)
        self._ship(mine, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        own_return = self._rpc_return(mine.picking_ids, 1)
        line, first = order.order_line, order.picking_ids
        delivery = first.move_ids
        customers = delivery.location_dest_id
        refund = {
            "product_id": self.product.id,
            "product_uom_qty": 1,
            "location_id": customers.id,
            "location_dest_id": delivery.location_id.id,
            "to_refund": True,
            "origin_returned_move_id": delivery.id,
        }
        with self.subTest(path="her own done return given the order's line"):
            self.assertRpcRefused(
                CORRECT, "stock.move", "write", own_return.move_ids.ids, {"sale_line_id": line.id}
            )
        with self.subTest(path="a done move made without line, then given it"):
            made = self.rpc("stock.move", "create", dict(refund, quantity=1, state="done"))
            self.assertRpcRefused(CORRECT, "stock.move", "write", [made], {"sale_line_id": line.id})
        with self.subTest(path="a move made on the line, then written done"):
            made = self.rpc("stock.move", "create", dict(refund, sale_line_id=line.id))
            self.assertRpcRefused(
                CORRECT, "stock.move", "write", [made], {"quantity": 1, "state": "done"}
            )
        with self.subTest(path="a move line given to a done return of the order"):
            returned = self._rpc_return(first, 1)
            self.assertEqual(line.qty_delivered, 0, "delivered, then returned")
            more = {
                "move_id": returned.move_ids.id,
                "product_id": self.product.id,
                "quantity": 10,
                "location_id": customers.id,
                "location_dest_id": delivery.location_id.id,
            }
            self.assertRpcRefused(CORRECT, "stock.move.line", "create", more)
            self.assertRpcRefused(
                CORRECT,
                "stock.move.line",
                "write",
                own_return.move_ids.move_line_ids.ids,
                {"move_id": returned.move_ids.id},
            )
        with self.subTest(path="a return of more than was delivered"):
            self._return(returned)  # delivered again
            self.assertRaisesRegex(RpcRefused, CORRECT, self._rpc_return, first, 3)
        self.env.invalidate_all()
        self.assertEqual((line.qty_delivered, mine.order_line.qty_delivered), (1, 0))

    def test_a_return_returns_a_delivery_of_the_order(self):
        """A receipt she built herself, from a vendor or returning a delivery
        of her own order, validated as a return of a waiting customer's order
        counted goods as returned that he never sent back, and gave him a
        credit note (outside audit 26, N1); neither is its delivery given to
        another customer when made or by its moves (N2)."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer, 2)
        self._ship(order, 2)
        mine = self._confirmed_order(self.own_buyer)
        self._ship(mine, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        delivery, own_delivery = order.picking_ids.move_ids, mine.picking_ids.move_ids
        receipts = self.env["stock.picking.type"].search(
            [("code", "=", "incoming"), ("company_id", "=", self.env.company.id)], limit=1
        )
        vendors = self.env.ref("stock.stock_location_suppliers")
        customers, stock = delivery.location_dest_id, delivery.location_id
        for source, returned in ((vendors, delivery), (customers, own_delivery)):
            with self.subTest(source=source.name, returned=returned.picking_id.name):
                move = {
                    "product_id": self.product.id,
                    "product_uom_qty": 1,
                    "location_id": source.id,
                    "location_dest_id": stock.id,
                    "sale_line_id": order.order_line.id,
                    "to_refund": True,
                    "origin_returned_move_id": returned.id,
                }
                receipt = self.rpc(
                    "stock.picking",
                    "create",
                    {
                        "picking_type_id": receipts.id,
                        "partner_id": self.buyer.id,
                        "location_id": source.id,
                        "location_dest_id": stock.id,
                        "move_ids": [Command.create(move)],
                    },
                )
                self.rpc("stock.picking", "action_confirm", [receipt])
                moves = self.env["stock.picking"].browse(receipt).move_ids
                self.rpc("stock.move", "write", moves.ids, {"quantity": 1, "picked": True})
                self.assertRpcRefused(CORRECT, "stock.picking", "button_validate", [receipt])
        with self.subTest(path="the delivery's moves given another address"):
            self.assertRpcRefused(
                CORRECT, "stock.move", "write", delivery.ids, {"partner_id": self.own_buyer.id}
            )
        with self.subTest(path="a delivery of the order made for another customer"):
            self.assertRpcRefused(
                CORRECT,
                "stock.picking",
                "create",
                {
                    "picking_type_id": delivery.picking_type_id.id,
                    "partner_id": self.own_buyer.id,
                    "location_id": stock.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "location_id": stock.id,
                                "location_dest_id": customers.id,
                                "sale_line_id": order.order_line.id,
                            }
                        )
                    ],
                },
            )
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 2)
        self.assertEqual(delivery.partner_id, order.partner_shipping_id)

    def test_a_delivery_in_steps_is_validated_step_by_step(self):
        """Picked, then shipped: the picking step's move, marked as refunded
        by Odoo and going to the output area, was taken for a return (outside
        audit 27, F1); and a delivery assembled for another customer, or for
        none, shipped the order's goods to him, validated or written done
        (F2; audit 28, G1 and G2)."""
        self.env.ref("stock.warehouse0").delivery_steps = "pick_ship"
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer, 2)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        pick = order.picking_ids
        self.assertEqual(pick.location_dest_id.usage, "internal", "Odoo's pick first")
        self._ship(order, 2)
        ship = order.picking_ids - pick
        self.assertEqual(ship.location_dest_id.usage, "customer", "then its shipping")
        self.rpc("stock.move", "write", ship.move_ids.ids, {"quantity": 1, "picked": True})
        self.rpc(  # the rest backordered
            "stock.picking", "button_validate", ship.ids, context={"skip_backorder": True}
        )
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 1, "what was sold is hers to ship")
        rest = order.picking_ids.move_ids.filtered(
            lambda move: move.state not in ("done", "cancel")
        )
        self.assertEqual(rest.product_uom_qty, 1, "the backorder")
        delivery = {
            "picking_type_id": ship.picking_type_id.id,
            "location_id": ship.location_id.id,
            "location_dest_id": ship.location_dest_id.id,
        }
        with self.subTest(path="the rest moved to a delivery for her customer"):
            elsewhere = self.rpc(
                "stock.picking", "create", dict(delivery, partner_id=self.own_buyer.id)
            )
            self.rpc("stock.move", "write", rest.ids, {"picking_id": elsewhere})
            self.rpc("stock.move", "write", rest.ids, {"quantity": 1, "picked": True})
            self.assertRpcRefused(CORRECT, "stock.picking", "button_validate", [elsewhere])
            self.assertRpcRefused(CORRECT, "stock.move", "write", rest.ids, {"state": "done"})
        with self.subTest(path="a delivery of the order to no address"):
            move = dict(
                delivery,
                product_id=self.product.id,
                product_uom_qty=1,
                quantity=1,
                picked=True,
                sale_line_id=order.order_line.id,
            )
            nowhere = self.rpc(
                "stock.picking", "create", dict(delivery, move_ids=[Command.create(move)])
            )
            moves = self.env["stock.picking"].browse(nowhere).move_ids
            self.assertFalse(moves.partner_id)
            self.assertRpcRefused(CORRECT, "stock.picking", "button_validate", [nowhere])
            self.assertRpcRefused(CORRECT, "stock.move", "write", moves.ids, {"state": "done"})
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 1)

    def test_goods_delivered_elsewhere_do_not_count_for_him(self):
        """Her own customer's done delivery, linked afterwards to a waiting
        customer's order (its move, its delivery or one of its move lines),
        counted as delivered to him and made him invoiceable; moved into a
        delivery for him, it shipped to him (outside audit 29, H1, H2, H4).
        Nor is his delivery written done without shipping, or hers undone
        first and then moved into his (audit 30, K1, K2)."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer, 2)
        self._ship(order, 1, context={"skip_backorder": True})  # the rest backordered
        mine = self._confirmed_order(self.own_buyer)  # 1 more: within what he bought
        self._ship(mine, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        done = order.picking_ids.move_ids.filtered(lambda move: move.state == "done")
        self.assertEqual(done.quantity, 1, "his delivery of what was sold")
        own = mine.picking_ids.move_ids
        with self.subTest(path="her done delivery's line moved into his"):
            self.assertRpcRefused(
                CORRECT, "stock.move.line", "write", own.move_line_ids.ids, {"move_id": done.id}
            )
        with self.subTest(path="her done delivery's move given his line"):
            self.assertRpcRefused(
                CORRECT, "stock.move", "write", own.ids, {"sale_line_id": order.order_line.id}
            )
        with self.subTest(path="her done delivery given his order"):
            self.assertRpcRefused(
                CORRECT, "stock.picking", "write", mine.picking_ids.ids, {"sale_id": order.id}
            )
        with self.subTest(path="her done delivery's move put in a delivery for him"):
            for_him = self.rpc(
                "stock.picking",
                "create",
                {
                    "picking_type_id": own.picking_type_id.id,
                    "partner_id": self.buyer.id,
                    "location_id": own.location_id.id,
                    "location_dest_id": own.location_dest_id.id,
                },
            )
            self.assertRpcRefused(WAITS, "stock.move", "write", own.ids, {"picking_id": for_him})
        self.env.invalidate_all()
        self.assertEqual((order.order_line.qty_delivered, mine.order_line.qty_delivered), (1, 1))
        rest = order.picking_ids.move_ids - done
        with self.subTest(path="his pending delivery written done: nothing shipped"):
            self.rpc("stock.move", "write", rest.ids, {"quantity": 1, "picked": True})
            self.assertRpcRefused(CORRECT, "stock.move", "write", rest.ids, {"state": "done"})
        with self.subTest(path="her delivery undone, its line moved into his"):
            self.rpc("stock.move", "write", own.ids, {"state": "assigned"})  # hers to correct
            self.assertRpcRefused(
                CORRECT, "stock.move.line", "write", own.move_line_ids.ids, {"move_id": done.id}
            )
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 1, "what was shipped to him")

    def test_his_goods_leave_the_warehouse_for_him(self):
        """Sale_stock counts a move by its destination, Odoo moves the stock by
        its lines: lines sent back to the shelf, or a delivery from the
        customers' location, counted delivered while nothing left the
        warehouse, and a return that returned nothing counted as returned
        and gave a credit note (outside audit 31, A1, A2); so did lines from
        a vendor or an inventory adjustment, and to or from the inter-company
        transit (audit 33, B1 to B4)."""
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer, 3)
        self._ship(order, 1, context={"skip_backorder": True})
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        done = order.picking_ids.filtered(lambda picking: picking.state == "done")
        done = done.move_ids.move_line_ids
        stock, customers = done.location_id, done.location_dest_id
        for vals in ({"location_dest_id": stock.id}, {"location_id": customers.id}):
            with self.subTest(path="the done delivery's detailed operation", vals=vals):
                self.assertRpcRefused(CORRECT, "stock.move.line", "write", done.ids, vals)
        backorder = order.picking_ids - done.picking_id
        moves, one = backorder.move_ids, {"quantity": 1, "picked": True}
        validate = ("stock.picking", "button_validate", backorder.ids)
        skip = {"skip_backorder": True}
        vendors = self.env.ref("stock.stock_location_suppliers")
        transit = self.env.ref("stock.stock_location_inter_company")
        adjustment = self.env["stock.location"].search(
            [("usage", "=", "inventory"), ("company_id", "=", self.env.company.id)], limit=1
        )
        for model, field, value in (
            ("stock.move.line", "location_dest_id", stock),  # back to the shelf
            ("stock.move.line", "location_id", vendors),  # audit 33, B1
            ("stock.move.line", "location_id", adjustment),
            ("stock.move.line", "location_dest_id", transit),  # B2
            ("stock.move", "location_id", customers),
        ):
            with self.subTest(path="a delivery that ships nothing", field=field, to=value.name):
                if model == "stock.move":
                    self.rpc(model, "write", moves.ids, {field: value.id})
                self.rpc("stock.move", "write", moves.ids, one)
                lines = moves.move_line_ids
                self.rpc("stock.move.line", "write", lines.ids, {field: value.id})
                self.assertRpcRefused(CORRECT, *validate, context=skip)
                if model == "stock.move":
                    self.rpc(model, "write", moves.ids, {field: stock.id})
                else:
                    back = {"location_id": stock.id, "location_dest_id": customers.id}
                    self.rpc(model, "write", lines.ids, back)
        self.rpc("stock.move", "write", moves.ids, one)
        self.rpc(*validate, context=skip)  # what was sold: passes
        returned = self._rpc_return(done.picking_id, 1, validate=False)
        lines = returned.move_ids.move_line_ids
        for field, value in (
            ("location_id", stock),  # nothing came back
            ("location_id", transit),  # audit 33, B3
            ("location_dest_id", vendors),  # B4: nothing back in the warehouse
        ):
            with self.subTest(path="a return that returns nothing", field=field, to=value.name):
                self.rpc("stock.move.line", "write", lines.ids, {field: value.id})
                self.assertRpcRefused(CORRECT, "stock.picking", "button_validate", returned.ids)
                self.rpc(
                    "stock.move.line",
                    "write",
                    lines.ids,
                    {"location_id": customers.id, "location_dest_id": stock.id},
                )
        self.rpc("stock.picking", "button_validate", returned.ids)  # a real return: passes
        with self.subTest(path="the done return's detailed operation turned round"):
            self.assertRpcRefused(
                CORRECT, "stock.move.line", "write", lines.ids, {"location_dest_id": customers.id}
            )
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 1, "two delivered, one returned")

    def test_a_return_brings_back_the_serial_delivered(self):
        """A done delivery's serial number rewritten afterwards changed what he
        received, and a return carrying a serial another customer received,
        or one made up, counted as returned (outside audit 31, A3)."""
        product = self.env["product.product"].create(
            {
                "name": "Serial pump",
                "is_storable": True,
                "tracking": "serial",
                "invoice_policy": "delivery",
            }
        )
        lots = self.env["stock.lot"].create(
            [{"name": f"SP-{n}", "product_id": product.id} for n in (1, 2, 3)]
        )
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        for lot in lots:
            self.env["stock.quant"]._update_available_quantity(product, stock, 1, lot_id=lot)
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer, product=product)
        self._ship(order, 1)
        mine = self._confirmed_order(self.own_buyer, product=product)
        self._ship(mine, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        delivered = order.picking_ids.move_ids.move_line_ids
        his, hers = delivered.lot_id, mine.picking_ids.move_ids.move_line_ids.lot_id
        with self.subTest(path="the done delivery's serial number"):
            self.assertRpcRefused(
                CORRECT,
                "stock.move.line",
                "write",
                delivered.ids,
                {"lot_id": (lots - his - hers).id},
            )
        returned = self._rpc_return(order.picking_ids, 1, validate=False)
        lines = returned.move_ids.move_line_ids
        for vals in ({"lot_id": hers.id}, {"lot_id": False, "lot_name": "SP-9"}):
            with self.subTest(path="a return of another serial", vals=vals):
                self.rpc("stock.move.line", "write", lines.ids, vals)
                self.assertRpcRefused(CORRECT, "stock.picking", "button_validate", returned.ids)
        self.rpc("stock.move.line", "write", lines.ids, {"lot_id": his.id, "lot_name": False})
        self.rpc("stock.picking", "button_validate", returned.ids)  # his serial back: passes
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 0)
        self.assertEqual(his.quant_ids.filtered(lambda q: q.quantity > 0).location_id, stock)

    def test_a_return_brings_back_each_lot_delivered(self):
        """Of a delivery of lots A and B, a return of twice lot A counted all as
        returned while he kept lot B (outside audit 33, B5)."""
        product = self.env["product.product"].create(
            {
                "name": "Lot pump",
                "is_storable": True,
                "tracking": "lot",
                "invoice_policy": "delivery",
            }
        )
        lot_a, lot_b = self.env["stock.lot"].create(
            [{"name": name, "product_id": product.id} for name in ("LP-A", "LP-B")]
        )
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        for lot, quantity in ((lot_a, 5), (lot_b, 1)):
            self.env["stock.quant"]._update_available_quantity(product, stock, quantity, lot_id=lot)
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        order = self._confirmed_order(self.buyer, 2, product=product)
        delivery = order.picking_ids
        lines = delivery.move_ids.move_line_ids
        self.rpc("stock.move.line", "write", lines[:1].ids, {"lot_id": lot_a.id, "quantity": 1})
        self.rpc("stock.move.line", "unlink", lines[1:].ids)
        self.rpc("stock.move.line", "create", self._lot_line(lines, lot_b))
        self._ship(order, 2)
        self.assertEqual(
            sorted(delivery.move_ids.move_line_ids.lot_id.mapped("name")), ["LP-A", "LP-B"]
        )
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        returned = self._rpc_return(delivery, 2, validate=False)
        back = returned.move_ids.move_line_ids
        self.rpc("stock.move.line", "write", back[:1].ids, {"lot_id": lot_a.id, "quantity": 2})
        self.rpc("stock.move.line", "unlink", back[1:].ids)
        self.assertRpcRefused(CORRECT, "stock.picking", "button_validate", returned.ids)
        self.rpc("stock.move.line", "write", back[:1].ids, {"quantity": 1})
        self.rpc("stock.move.line", "create", self._lot_line(back, lot_b))
        self.rpc("stock.picking", "button_validate", returned.ids)  # both lots back: passes
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 0)

    def _lot_line(self, lines, lot):
        """A line of one unit of lot, beside lines of the same move."""
        line = lines[:1]
        return {
            "move_id": line.move_id.id,
            "picking_id": line.picking_id.id,
            "product_id": line.product_id.id,
            "product_uom_id": line.product_uom_id.id,
            "location_id": line.location_id.id,
            "location_dest_id": line.location_dest_id.id,
            "lot_id": lot.id,
            "quantity": 1,
        }

    def _rpc_return(self, picking, quantity, validate=True):
        """Her return of quantity from picking, through Odoo's wizard."""
        context = {"active_id": picking.id, "active_model": "stock.picking"}
        wizard = self.rpc(
            "stock.return.picking", "create", {"picking_id": picking.id}, context=context
        )
        self.rpc(
            "stock.return.picking.line",
            "write",
            self.env["stock.return.picking"].browse(wizard).product_return_moves.ids,
            {"quantity": quantity},
        )
        action = self.rpc(
            "stock.return.picking", "action_create_returns", [wizard], context=context
        )
        returned = self.env["stock.picking"].browse(action["res_id"])
        self.rpc(
            "stock.move", "write", returned.move_ids.ids, {"quantity": quantity, "picked": True}
        )
        if validate:
            self.rpc("stock.picking", "button_validate", returned.ids)
        return returned

    def test_her_orders_ship_to_her_customers(self):
        """Her order's delivery sent to a customer waiting in the pool shipped
        to him, as the order's delivery address would (outside audit 22, G6)."""
        order = self._confirmed_order(self.own_buyer)
        self.assertRpcRefused(
            WAITS, "stock.picking", "write", order.picking_ids.ids, {"partner_id": self.buyer.id}
        )
        self.assertEqual(order.picking_ids.partner_id, self.own_buyer)
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        theirs = self._confirmed_order(self.buyer)
        self._ship(theirs, 1)
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        with self.subTest(path="a waiting customer's done delivery re-addressed to hers"):
            self.assertRpcRefused(
                CORRECT,
                "stock.picking",
                "write",
                theirs.picking_ids.ids,
                {"partner_id": self.own_buyer.id},
            )

    def test_her_own_customer_is_delivered_what_she_ships(self):
        order = self._confirmed_order(self.own_buyer)
        self._ship(order, 3)
        self.env.invalidate_all()
        self.assertEqual(order.order_line.qty_delivered, 3, "her customer, her delivery")
