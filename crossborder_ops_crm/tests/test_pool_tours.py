# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily flows in a real browser, on the demo's story (Nina, a new
salesperson; the owner as pool manager). ./setup/test counts a skipped tour as
a failure."""

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.crossborder_ops.tests.common import TourOnALoadedMachine


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolTours(TourOnALoadedMachine, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nina = cls.env.ref("crossborder_ops_crm.user_nina_demo")
        cls.pool_eu = cls.env.ref("crossborder_ops_crm.pool_eu_demo")
        # small caps, so that the tour meets the refusal on its second claim
        cls.tier = cls.env["crossborder.sales.tier"].create(
            {
                "name": "Tour tier",
                "min_tenure_months": 0,
                "private_cap": 4,  # she holds two leads: her claim and a rotated one
                "claim_cap": 1,
                "claim_period": "week",
                "receives_rotation": True,
                "is_new_tier": True,
            }
        )
        cls.env.ref("crossborder_ops_crm.crm_team_member_nina_demo").tier_override_id = cls.tier

    def test_salesperson_claims_meets_her_cap_and_releases(self):
        paris = self.env.ref("crossborder_ops_crm.lead_pool_2_demo")
        barcelona = self.env.ref("crossborder_ops_crm.lead_pool_3_demo")
        self.assertEqual(
            self.nina.action_id.id, self.env.ref("crossborder_ops_crm.crm_lead_pool_action").id
        )
        with mute_logger("odoo.http"):  # the refusal at the cap, expected
            self.start_tour(
                "/odoo/action-crossborder_ops_crm.crm_lead_pool_action",
                "crossborder_pool_salesperson_claim",
                login="nina",
            )
        self.assertEqual(paris.user_id, self.nina)
        self.assertFalse(barcelona.user_id, "refused at the claim cap")
        self.start_tour(
            "/odoo/action-crossborder_ops_crm.crm_team_member_my_action",
            "crossborder_pool_salesperson_caps",
            login="nina",
        )
        self.start_tour(
            "/odoo/action-crossborder_ops_crm.crm_lead_my_action",
            "crossborder_pool_salesperson_release",
            login="nina",
        )
        paris.invalidate_recordset()
        self.assertFalse(paris.user_id)
        release = self.env["crossborder.pool.event"].search(
            [("lead_id", "=", paris.id), ("kind", "=", "release")]
        )
        self.assertEqual(
            (release.reason, release.note, release.from_user_id),
            ("not_interested", "Buys only in spring; call back in March.", self.nina),
        )

    def test_pool_manager_rotates_as_previewed(self):
        self.pool_eu.holdback_percent = 0  # every previewed lead is handed out
        waiting = self.env["crm.lead"].search(
            [("pool_id", "=", self.pool_eu.id), ("pool_state", "=", "pool")]
        )
        self.assertTrue(waiting)
        self.start_tour(
            f"/odoo/action-crossborder_ops_crm.crossborder_lead_pool_action/{self.pool_eu.id}",
            "crossborder_pool_manager_rotation",
            login="admin",
        )
        run = self.env["crossborder.rotation.run"].search(
            [("pool_id", "=", self.pool_eu.id)], limit=1
        )
        self.assertTrue(run.assigned_count)
        self.assertEqual(
            set(run.event_ids.filtered(lambda e: e.kind == "rotation").lead_id), set(waiting)
        )
