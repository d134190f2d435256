# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import OrderData


@tagged("post_install", "-at_install")
class TestOrderLinks(OrderData, TransactionCase):
    def test_ticket_finds_order_delivery_carrier_and_supplier(self):
        picking = self.ship(self.order)
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Lamp arrived broken",
                    "description": "The lamp arrived broken.",
                    "team_id": self.team.id,
                    "marketplace_order_ref": " 204-1234567-7654321 ",
                    "product_id": self.product.id,
                }
            )
        )
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertIn(self.order, ticket.sale_order_ids)
        self.assertEqual(ticket.picking_ids, picking)
        self.assertEqual(ticket.carrier_id, self.carrier)
        self.assertEqual(ticket.carrier, "T-Yanwen")
        self.assertEqual(ticket.carrier_tracking_ref, "YW123456789CN")
        self.assertEqual(ticket.supplier_id, self.supplier)

    def test_unknown_order_number_keeps_what_the_agent_chose(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Where is my parcel",
                "description": "?",
                "team_id": self.team.id,
                "sale_order_id": self.order.id,
            }
        )
        ticket.marketplace_order_ref = "999-0000000-0000000"
        self.assertEqual(ticket.sale_order_id, self.order)
