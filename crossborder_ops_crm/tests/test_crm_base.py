# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestCrmBase(TransactionCase):
    def test_high_seas_menu_for_salespeople(self):
        salesman = new_test_user(
            self.env,
            login="cbo_salesman",
            groups="crossborder_ops.group_crossborder_ops_user,sales_team.group_sale_salesman",
        )
        outsider = new_test_user(
            self.env,
            login="cbo_not_sales",
            groups="crossborder_ops.group_crossborder_ops_user",
        )
        menu = self.env.ref("crossborder_ops_crm.crossborder_ops_crm_menu_root")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(salesman)._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids())
