# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import JsonRpc

# demo login -> the addon that brings him (his landing page needs that addon's demo)
DEMO_LOGINS = {
    "admin": "crossborder_ops",
    "rosa": "crossborder_ops",
    "mei": "crossborder_ops_helpdesk",
    "ahmet": "crossborder_ops_helpdesk",
    "walter": "crossborder_ops_helpdesk",
    "jonas": "crossborder_ops_helpdesk",
    "victor": "crossborder_ops_crm",
    "nina": "crossborder_ops_crm",
    "nate": "crossborder_ops_crm",
}


@tagged("post_install", "-at_install", "crossborder_ops")
class TestFirstStart(JsonRpc, HttpCase):
    """After the set-up, every demo login lands on a screen with work: his home
    action, with its default filters, shows records he may read."""

    def _answer(self, route, params):
        result, error = self._rpc(route, params)
        self.assertFalse(error, error)
        return result

    def _landing_domain(self, action, uid):
        """The action's domain and the domains of its default filters, as the web
        client applies them when the action opens."""
        context = {
            "uid": uid,
            "context_today": lambda: fields.Date.context_today(self.env["res.users"]),
            "relativedelta": relativedelta,
        }
        domain = safe_eval(action.get("domain") or "[]", context)
        action_context = safe_eval(action.get("context") or "{}", context)
        defaults = [
            key.removeprefix("search_default_")
            for key, value in action_context.items()
            if key.startswith("search_default_") and value
        ]
        if defaults:
            search_view = self._answer(
                "/web/dataset/call_kw",
                {
                    "model": action["res_model"],
                    "method": "get_views",
                    "args": [
                        [[action["search_view_id"] and action["search_view_id"][0], "search"]]
                    ],
                    "kwargs": {},
                },
            )["views"]["search"]["arch"]
            arch = etree.fromstring(search_view)
            for name in defaults:
                for node in arch.iter("filter"):
                    if node.get("name") == name and node.get("domain"):
                        domain += safe_eval(node.get("domain"), context)
        return domain

    def test_each_demo_login_lands_on_records(self):
        Module = self.env["ir.module.module"]
        demo_loaded = Module.search([("name", "=", "crossborder_ops"), ("demo", "=", True)])
        if not demo_loaded:
            self.skipTest("the demo data is not loaded in this database")
        installed = set(Module.search([("state", "=", "installed")]).mapped("name"))
        for login, module in DEMO_LOGINS.items():
            if module not in installed:
                continue
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertTrue(user.action_id, f"{login} has no home action")
                self.authenticate(login, login if login != "admin" else "admin")
                session = self._answer("/web/session/get_session_info", {})
                self.assertEqual(session["home_action_id"], user.action_id.id)
                action = self._answer("/web/action/load", {"action_id": user.action_id.id})
                self.assertEqual(action["type"], "ir.actions.act_window")
                domain = self._landing_domain(action, user.id)
                count = self._answer(
                    "/web/dataset/call_kw",
                    {
                        "model": action["res_model"],
                        "method": "search_count",
                        "args": [domain],
                        "kwargs": {"context": {"uid": user.id}},
                    },
                )
                self.assertGreater(count, 0, f"{login} lands on an empty {action['name']}")

    def test_interviewer_reads_the_demo_answers(self):
        """Rosa, interviewer of the CS agent position, opens *See the answers* of
        Kemal's submitted test: his written answers show (the demo's answers were
        filed under the test's sections, and the page showed empty boxes)."""
        invitation = self.env.ref("crossborder_ops.invitation_kemal_demo", False)
        if not invitation:
            self.skipTest("the demo data is not loaded in this database")
        self.authenticate("rosa", "rosa")
        action = self._answer(
            "/web/dataset/call_kw",
            {
                "model": invitation._name,
                "method": "action_view_answers",
                "args": [invitation.ids],
                "kwargs": {},
            },
        )
        page = self.url_open(action["url"]).text
        self.assertIn("Cut out on a white background", page)
        # every demo answer answers a question of its sheet
        lines = self.env["survey.user_input.line"].search(
            [("user_input_id.applicant_id", "!=", False)]
        )
        self.assertTrue(lines)
        for line in lines:
            with self.subTest(question=line.question_id.title):
                self.assertIn(line.question_id, line.user_input_id.predefined_question_ids)

    def test_owner_overview_counts_work(self):
        if not self.env.ref("crossborder_ops.user_rosa_demo", raise_if_not_found=False):
            self.skipTest("the demo data is not loaded in this database")
        self.authenticate("admin", "admin")
        tiles = self._answer(
            "/web/dataset/call_kw",
            {
                "model": "crossborder.overview.tile",
                "method": "search_read",
                "args": [[("available", "=", True)], ["name", "count"]],
                "kwargs": {},
            },
        )
        counts = {tile["name"]: tile["count"] for tile in tiles}
        self.assertGreater(counts["Skill tests to grade"], 0)
        self.assertGreater(counts["Trials ending within a week"], 0)
        # the owner leads the demo trials and recruits for the demo positions
        admin = self.env.ref("base.user_admin")
        trials = self.env["crossborder.trial"].search(
            [("job_id", "=", self.env.ref("crossborder_ops.job_cs_agent_demo").id)]
        )
        self.assertTrue(trials)
        self.assertEqual(trials.manager_id, admin)
        self.assertEqual(self.env.ref("crossborder_ops.job_va_demo").user_id, admin)
        self.assertFalse(
            trials.activity_ids.filtered(lambda a: a.user_id != admin),
            "every activity of a demo trial is the owner's",
        )
        # the shipped languages can be chosen
        self.assertEqual(
            set(self.env["res.lang"].search([("code", "in", ("zh_CN", "tr_TR"))]).mapped("code")),
            {"zh_CN", "tr_TR"},
        )
        # the first print goes to the PDF, not to the layout wizard
        self.assertTrue(self.env.ref("base.main_company").external_report_layout_id)
