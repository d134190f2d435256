# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHelpdeskBase(TransactionCase):
    def test_customer_service_menu_for_agents(self):
        agent = new_test_user(
            self.env,
            login="cbo_cs_agent",
            groups="crossborder_ops.group_crossborder_ops_user,helpdesk_mgmt.group_helpdesk_user_own",
        )
        outsider = new_test_user(
            self.env,
            login="cbo_not_agent",
            groups="crossborder_ops.group_crossborder_ops_user",
        )
        menu = self.env.ref("crossborder_ops_helpdesk.crossborder_ops_helpdesk_menu_root")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(agent)._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids())
