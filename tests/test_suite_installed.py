# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite as a newcomer finds it: three addons installed, one app menu."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

ADDONS = [
    "crossborder_ops",
    "crossborder_ops_helpdesk",
    "crossborder_ops_crm",
    "crossborder_ops_crm_sale",
    "crossborder_ops_crm_sale_stock",
    "crossborder_ops_helpdesk_sale",
]


# Outside odoo.addons, Odoo sets no default tags: pytest-odoo needs them explicitly.
@tagged("post_install", "-at_install", "crossborder_ops")
class TestSuiteInstalled(TransactionCase):
    def test_three_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(sorted(modules.mapped("name")), sorted(ADDONS))
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_app_menu_gathers_the_three_capabilities(self):
        root = self.env.ref("crossborder_ops.crossborder_ops_menu_root")
        admin = self.env.ref("base.user_admin")
        visible = self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids()
        children = root.child_id.filtered(lambda m: m.id in visible).mapped("name")
        for section in ("Hiring", "Customer Service", "High Seas", "Configuration"):
            self.assertIn(section, children)
