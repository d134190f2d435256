# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.crossborder_ops.tests.common import JsonRpc  # noqa: F401 (shared)


class OrderData:
    """A supplier, a carrier, a product and a confirmed order shipped to a buyer in
    the United Kingdom (mixed into a TransactionCase or an HttpCase)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.agent = new_test_user(
            env,
            login="cbo_sale_agent",
            name="Sam Agent",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.team = env["helpdesk.ticket.team"].create(
            {"name": "T-Sale CS", "user_ids": [(4, cls.agent.id)]}
        )
        cls.supplier = env["res.partner"].create({"name": "T-Shenzhen Lamps Ltd"})
        cls.buyer = env["res.partner"].create(
            {
                "name": "T-Jane Buyer",
                "email": "jane.buyer@example.com",
                "country_id": env.ref("base.uk").id,
            }
        )
        cls.product = env["product.product"].create(
            {
                "name": "T-Desk lamp",
                "is_storable": True,
                "list_price": 40.0,
                "seller_ids": [(0, 0, {"partner_id": cls.supplier.id, "price": 12.0})],
            }
        )
        carrier_product = env["product.product"].create({"name": "T-Yanwen", "type": "service"})
        cls.carrier = env["delivery.carrier"].create(
            {"name": "T-Yanwen", "product_id": carrier_product.id, "delivery_type": "fixed"}
        )
        stock = env.ref("stock.stock_location_stock")
        env["stock.quant"]._update_available_quantity(cls.product, stock, 100.0)
        cls.order = env["sale.order"].create(
            {
                "partner_id": cls.buyer.id,
                "client_order_ref": "204-1234567-7654321",
                "carrier_id": cls.carrier.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 2})],
            }
        )
        cls.order.action_confirm()

    @classmethod
    def ship(cls, order, tracking="YW123456789CN"):
        picking = order.picking_ids
        picking.carrier_tracking_ref = tracking
        picking.move_ids.quantity = picking.move_ids.product_uom_qty
        picking.move_ids.picked = True
        picking._action_done()
        return picking

    @classmethod
    def deliver(cls, user=None, **move):
        """One lamp delivered to the buyer, validated: a delivery of no order, or of
        the order whose line ``move`` names (``sale_line_id``)."""
        env = cls.env
        picking = env["stock.picking"].create(
            {
                "picking_type_id": env.ref("stock.picking_type_out").id,
                "partner_id": cls.buyer.id,
                "user_id": user.id if user else False,
                "move_ids": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1, **move})],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking._action_done()
        return picking

    @classmethod
    def reshipped_by(cls, carrier):
        """The shipped order's replacement delivery, carried by ``carrier`` and done
        (for a ticket of its own): ``carrier`` carried the order too."""
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "T-Parcel lost",
                "description": "?",
                "team_id": cls.team.id,
                "marketplace_order_ref": cls.order.client_order_ref,
            }
        )
        picking = cls.env["stock.picking"].browse(ticket.action_reship()["res_id"])
        picking.carrier_id = carrier
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking._action_done()
        return picking
