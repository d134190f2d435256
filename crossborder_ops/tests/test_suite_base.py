# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSuiteBase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ops_user = new_test_user(
            cls.env,
            login="cbo_ops_user",
            groups="crossborder_ops.group_crossborder_ops_user,"
            "hr_recruitment.group_hr_recruitment_interviewer",
        )
        cls.ops_manager = new_test_user(
            cls.env,
            login="cbo_ops_manager",
            groups="crossborder_ops.group_crossborder_ops_manager,base.group_system",
        )
        cls.employee = new_test_user(cls.env, login="cbo_employee", groups="base.group_user")
        cls.root_menu = cls.env.ref("crossborder_ops.crossborder_ops_menu_root")

    def _visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_manager_implies_user(self):
        user_group = self.env.ref("crossborder_ops.group_crossborder_ops_user")
        self.assertIn(user_group, self.ops_manager.all_group_ids)
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "crossborder_ops.group_crossborder_ops_manager"
            )
        )
        privilege = self.env.ref("crossborder_ops.res_groups_privilege_crossborder_ops")
        self.assertEqual(user_group.privilege_id, privilege)

    def test_app_menu_only_for_ops_users(self):
        self.assertIn(self.root_menu.id, self._visible_menu_ids(self.ops_user))
        self.assertNotIn(self.root_menu.id, self._visible_menu_ids(self.employee))
        settings_menu = self.env.ref("crossborder_ops.crossborder_ops_menu_settings")
        self.assertNotIn(settings_menu.id, self._visible_menu_ids(self.ops_user))
        self.assertIn(settings_menu.id, self._visible_menu_ids(self.ops_manager))

    def test_settings_page_has_suite_block(self):
        settings = self.env["res.config.settings"].with_user(self.ops_manager)
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="crossborder_ops"', arch)
        self.assertIn("module_crossborder_ops_crm", arch)
        self.assertIn("module_crossborder_ops_helpdesk", arch)
