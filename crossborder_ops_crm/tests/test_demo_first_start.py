# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The first start tells the demo's story: the scheduled actions that move
leads first run in the night after the install, salespeople land on their
screen and find work there, the veteran is near his cap."""

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestDemoFirstStart(TransactionCase):
    def _landing(self, user):
        self.assertEqual(user.action_id.type, "ir.actions.act_window", user.login)
        action = self.env["ir.actions.act_window"].browse(user.action_id.id)
        domain = safe_eval(action.domain or "[]", {"uid": user.id})
        return self.env[action.res_model].with_user(user).search(domain)

    def test_crons_that_move_leads_wait_for_the_night(self):
        for name in ("recycle", "give_back", "dormancy", "rotate"):
            cron = self.env.ref(f"crossborder_ops_crm.ir_cron_pool_{name}")
            self.assertGreater(cron.nextcall, fields.Datetime.now(), name)
            self.assertEqual(cron.nextcall.hour, 2, name)

    def test_salespeople_land_on_the_pool_with_leads_waiting(self):
        for xmlid in ("user_nina_demo", "user_nate_demo"):
            user = self.env.ref(f"crossborder_ops_crm.{xmlid}")
            self.assertEqual(
                user.action_id.id, self.env.ref("crossborder_ops_crm.crm_lead_pool_action").id
            )
            leads = self._landing(user)
            self.assertGreaterEqual(len(leads), 4, xmlid)
            self.assertEqual(set(leads.mapped("pool_state")), {"pool"})
            member = self.env["crm.team.member"].search([("user_id", "=", user.id)])
            self.assertEqual(member.pool_claim_count, 0, "no claim yet this week")

    def test_veteran_near_his_cap(self):
        victor = self.env.ref("crossborder_ops_crm.user_victor_demo")
        leads = self._landing(victor)
        self.assertEqual(len(leads), 11)
        member = self.env.ref("crossborder_ops_crm.crm_team_member_victor_demo")
        self.assertEqual(member.pool_cap_display, "11 / 12")
        self.assertTrue(all(leads.mapped("pool_recycle_date")), "each shows when it goes back")

    def test_pool_health_over_thirty_days(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops_crm.crossborder_pool_snapshot_action"
        )
        self.assertEqual(action["view_mode"].split(",")[0], "graph")
        self.assertEqual(safe_eval(action["context"]), {"search_default_last_30_days": 1})
        Snapshot = self.env["crossborder.pool.snapshot"]
        for xmlid in ("pool_eu_demo", "pool_na_demo"):
            pool = self.env.ref(f"crossborder_ops_crm.{xmlid}")
            days = Snapshot.search([("pool_id", "=", pool.id)]).mapped("date")
            self.assertGreaterEqual(len(set(days)), 30, xmlid)
            self.assertGreater(
                len(set(Snapshot.search([("pool_id", "=", pool.id)]).mapped("lead_count"))),
                1,
                "a curve, not a flat line",
            )
        arch = Snapshot.get_view(view_type="graph")["arch"]
        self.assertIn('interval="day"', arch)
        self.assertIn('name="lead_count" type="measure"', arch)
