# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What each role finds under the suite's app menu (issue 14, "one Configuration and
one Reporting menu"): the areas' reports and settings hang under the suite's
Reporting and Configuration menus, one section per area, and every entry a user sees
opens for him."""

from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval

# login -> paths under "Crossborder Ops" he must see, and paths he must not see
EXPECTED = {
    # owner: manager of everything
    "admin": {
        "sees": [
            "Reporting/Hiring/Hiring funnel",
            "Reporting/Customer Service/Problems by link and department",
            "Reporting/Customer Service/Supplier scorecard",
            "Reporting/High Seas/Pool events",
            "Reporting/High Seas/Rotation runs",
            "Configuration/Settings",
            "Configuration/Hiring/Situational questions",
            "Configuration/Customer Service/Root causes",
            "Configuration/High Seas/Pools",
            "Configuration/High Seas/Tiers",
        ],
        "not": [],
    },
    # reviewer of skill tests (interviewer)
    "rosa": {
        "sees": ["Hiring/Grading queue"],
        "not": ["Reporting", "Configuration", "Customer Service", "High Seas"],
    },
    # CS agents
    "mei": {
        "sees": [
            "Customer Service/Tickets",
            "Reporting/Customer Service/Problems by link and department",
            "Reporting/Customer Service/Workload per agent",
            "Reporting/Customer Service/Late responses to buyers",
            "Configuration/Customer Service/Country specs",
            "Configuration/Customer Service/Size charts",
        ],
        "not": [
            "Reporting/Hiring",
            "Reporting/High Seas",
            "Reporting/Customer Service/Supplier scorecard",
            "Configuration/Settings",
            "Configuration/High Seas",
            "High Seas",
            "Hiring",
        ],
    },
    "ahmet": {
        "sees": ["Customer Service/Tickets", "Configuration/Customer Service/Root causes"],
        "not": ["Configuration/Settings", "High Seas", "Hiring"],
    },
    # department manager
    "walter": {
        "sees": [
            "Customer Service/Tickets of my department",
            "Customer Service/Feedback to departments",
            "Reporting/Customer Service/Problems by link and department",
            "Reporting/Customer Service/Supplier scorecard",
            "Reporting/Customer Service/Carrier scorecard",
        ],
        "not": [
            "Customer Service/Tickets",
            "Reporting/Customer Service/Workload per agent",
            "Configuration",
            "High Seas",
            "Hiring",
        ],
    },
    # salespeople
    "victor": {
        "sees": ["High Seas/Pool", "High Seas/My caps", "Reporting/High Seas/Pool events"],
        "not": [
            "High Seas/Escalated leads",
            "Reporting/High Seas/Rotation runs",
            "Reporting/High Seas/Pool size and age",
            "Reporting/Customer Service",
            "Reporting/Hiring",
            "Configuration",
            "Customer Service",
        ],
    },
    "nina": {
        "sees": ["High Seas/Pool", "High Seas/My leads"],
        "not": ["Configuration", "Reporting/High Seas/Does rotation pay?"],
    },
    # pool manager (built below: the demo's pool manager is the owner)
    "cbo_pool_manager": {
        "sees": [
            "High Seas/Escalated leads",
            "Reporting/High Seas/Rotation runs",
            "Reporting/High Seas/Pool size and age",
            "Configuration/High Seas/Pools",
            "Configuration/High Seas/Tiers",
            "Configuration/High Seas/Salespeople",
        ],
        "not": [
            "Configuration/Settings",
            "Configuration/Hiring",
            "Configuration/Customer Service",
            "Reporting/Customer Service",
            "Customer Service",
        ],
    },
}


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSuiteMenus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="cbo_pool_manager",
            groups="base.group_user,crossborder_ops_crm.group_pool_manager",
        )
        cls.root = cls.env.ref("crossborder_ops.crossborder_ops_menu_root")

    def _user(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"demo user {login}")
        return user

    def _menus(self, user):
        """{path under the suite's root: menu dict} as the web client gets them."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        found = {}

        def walk(menu_id, path):
            for child_id in menus[menu_id]["children"]:
                child = menus[child_id]
                child_path = f"{path}/{child['name']}" if path else child["name"]
                found[child_path] = child
                walk(child_id, child_path)

        if self.root.id in menus:
            walk(self.root.id, "")
        return found

    def _open(self, user, menu):
        """Open the menu's action as the web client does, as ``user``."""
        if menu["action_model"] != "ir.actions.act_window":
            return
        action = self.env["ir.actions.act_window"].browse(menu["action_id"])
        action_dict = action.sudo()._get_action_dict()
        Model = self.env[action.res_model].with_user(user)
        Model.get_views([(view_id or False, mode) for view_id, mode in action.views])
        if action.target == "new":
            return
        domain = safe_eval(action_dict.get("domain") or "[]", {"uid": user.id})
        Model.web_search_read(domain, {"display_name": {}}, limit=80)

    def test_each_role_sees_its_entries_and_opens_them(self):
        for login, expected in EXPECTED.items():
            user = self._user(login)
            with self.subTest(login=login):
                menus = self._menus(user)
                for path in expected["sees"]:
                    self.assertTrue(path in menus, f"{login} sees {path}")
                for path in expected["not"]:
                    self.assertFalse(path in menus, f"{login} does not see {path}")
                for path, menu in menus.items():
                    with self.subTest(login=login, menu=path):
                        self._open(user, menu)

    def test_one_reporting_and_one_configuration_menu(self):
        menus = self._menus(self._user("admin"))
        for name in ("Reporting", "Configuration"):
            self.assertIn(name, menus)
        nested = [
            path
            for path in menus
            if "/" in path and path.rsplit("/", 1)[1] in ("Reports", "Reporting", "Configuration")
        ]
        self.assertEqual(nested, [], "no area keeps its own reports or configuration menu")
        areas = {
            "Reporting": {"Hiring", "Customer Service", "High Seas"},
            "Configuration": {"Hiring", "Customer Service", "High Seas"},
        }
        for top, sections in areas.items():
            children = {path.split("/")[1] for path in menus if path.startswith(f"{top}/")}
            self.assertLessEqual(sections, children, top)
