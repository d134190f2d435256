# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A sleeping customer's order closes his revival, for whoever revived him."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.crossborder_ops_crm.tests.common import NOW
from odoo.addons.crossborder_ops_crm.tests.test_pool_dormancy import DormancyCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
@freeze_time(NOW)
class TestRevivalPurchase(DormancyCase):
    def test_his_order_wins_the_revival_for_the_reviver(self):
        self._scan(NOW)
        revival = self._revivals()
        self.pool_eu._rotate_batch()
        reviver = revival.user_id
        self.assertIn(reviver, self.new_a | self.new_b, "the new tier revives him")
        product = self.env["product.product"].create({"name": "Pump", "list_price": 1250.0})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        order.date_order = NOW + timedelta(days=10)
        self.assertEqual(self._scan(NOW + timedelta(days=11)), (0, 1, 0))
        self.assertEqual(revival.won_status, "won")
        self.assertEqual(revival.user_id, reviver, "credited to the salesperson who revived him")
        self.assertEqual(revival.expected_revenue, 1250.0)
        self.assertTrue(
            any(f"revived by {reviver.name}" in (m.body or "") for m in revival.message_ids)
        )
        # and once he bought again, he is not dormant until 90 days after that purchase
        self.assertEqual(self._scan(NOW + timedelta(days=99)), (0, 0, 0))
        self.assertEqual(self._scan(NOW + timedelta(days=100))[0], 1)
