# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Leads drawn by a rotation run, then merged by the sales manager, seen from
outside as the sales manager reads them (JSON-RPC as the web client asks).

A draw is of the lead as it was then: the lead merged into another keeps its
draw (its group, its line), but the outcome of the lead that remains is that
lead's own, counted once, on its own draw."""

from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from ..planners.holdback import draw
from .common import SALESMAN, PoolCase, PoolRpc

LIFT = "crossborder.rotation.lift.report"
SHARE = "crossborder.rotation.share.report"
SEED = 2026


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestRotationMergedDraws(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_new.write({"private_cap": 100, "claim_cap": 100})
        cls.pool_eu.holdback_percent = 50.0
        cls.sales_manager = new_test_user(
            cls.env,
            login="cbo_sales_mgr",
            name="Sam Salesmanager",
            groups="sales_team.group_sale_manager," + SALESMAN,
        )
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"drawn {i}",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "country_id": cls.de.id,
                    "user_id": False,
                    "expected_revenue": 1000.0,
                }
                for i in range(12)
            ]
        )
        held = {lead.id for lead in cls.leads if draw(SEED, lead.id) < 0.5}
        cls.held = cls.leads.filtered(lambda lead: lead.id in held)
        cls.rotated = cls.leads - cls.held
        assert cls.held and cls.rotated, "the draw keeps some of 12 leads back"

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")

    def _merge(self, leads):
        """Merge as the sales manager does (the Merge action): the lead kept."""
        wizard = self.rpc(
            "crm.merge.opportunity", "create", {"opportunity_ids": [(6, 0, leads.ids)]}
        )
        return self.env["crm.lead"].browse(
            self.rpc("crm.merge.opportunity", "action_merge", [wizard])["res_id"]
        )

    def _arms(self):
        rows = self.rpc(
            LIFT,
            "formatted_read_group",
            [("pool_id", "=", self.pool_eu.id)],
            ["arm"],
            ["lead_count:sum", "won_count:sum", "revenue:sum"],
        )
        return {
            row["arm"]: (row["lead_count:sum"], row["won_count:sum"], row["revenue:sum"])
            for row in rows
        }

    def test_a_won_lead_counts_once_after_a_merge_across_groups(self):
        """One lead handed out and one kept back by the same run are the same
        customer: merged, then won. Before, the won lead counted in both groups
        (two wins, twice its revenue, one of them among the leads rotation never
        touched)."""
        self.pool_eu._rotate_batch(seed=SEED)
        kept = self._merge(self.rotated[0] | self.held[0])
        merged = (self.rotated[0] | self.held[0]) - kept
        self.rpc("crm.lead", "action_set_won", [kept.id])
        held_count, rotated_count = len(self.held), len(self.rotated)
        kept_arm = "held_back" if kept == self.held[0] else "rotated"
        self.assertEqual(
            self._arms()[kept_arm][1:],
            (1, 1000.0),
            "the lead that remains wins in its own group",
        )
        self.assertEqual(
            {arm: counts[0] for arm, counts in self._arms().items()},
            {"held_back": held_count, "rotated": rotated_count},
            "every draw keeps its line in its group",
        )
        self.assertEqual(
            sum(counts[1] for counts in self._arms().values()), 1, "one lead won, one win"
        )
        # the merged lead's draw: a line of its own, merged, no longer the kept lead's
        lines = self.rpc(
            LIFT,
            "search_read",
            [("pool_id", "=", self.pool_eu.id), ("merged_into_id", "=", kept.id)],
            ["lead_id", "arm", "outcome", "won_count", "revenue"],
        )
        merged_arm = "rotated" if kept_arm == "held_back" else "held_back"
        self.assertEqual(
            [(line["lead_id"], line["arm"], line["outcome"], line["revenue"]) for line in lines],
            [(False, merged_arm, "merged", 0.0)],
        )
        self.assertEqual(
            self.rpc(LIFT, "search_count", [("lead_id", "=", kept.id)]),
            1,
            "the lead that remains: its own draw only",
        )
        self.assertFalse(merged.exists())

    def test_a_lead_handed_out_twice_by_rotation_then_merged(self):
        """The share of leads handed out: each salesperson keeps the lead rotation
        gave him, the lead that remains is one lead (with one value)."""
        self.pool_eu._rotate_batch(seed=SEED)
        first, second = self.rotated[:2]
        kept = self._merge(first | second)
        rows = self.rpc(
            SHARE,
            "formatted_read_group",
            [("pool_id", "=", self.pool_eu.id), ("lead_id", "=", kept.id)],
            [],
            ["lead_count:sum", "value:sum"],
        )
        self.assertEqual(
            (rows[0]["lead_count:sum"], rows[0]["value:sum"]),
            (1, kept.prorated_revenue),
            "the lead that remains is handed out once",
        )
        rows = self.rpc(
            SHARE,
            "formatted_read_group",
            [("pool_id", "=", self.pool_eu.id), ("merged_into_id", "=", kept.id)],
            [],
            ["lead_count:sum", "value:sum"],
        )
        self.assertEqual((rows[0]["lead_count:sum"], rows[0]["value:sum"]), (1, 0.0))

    def test_a_lead_kept_back_merged_into_a_waiting_lead_does_not_hold_it_back(self):
        """The kept-back lead merged into a lead no run has drawn yet: that lead
        is drawn on its own at the next run, not kept waiting for the other's
        days."""
        self.pool_eu._rotate_batch(seed=SEED)
        # further along the pipeline: the lead Odoo's merge keeps
        stage = self.env["crm.stage"].search(
            [("is_won", "=", False)], order="sequence desc", limit=1
        )
        fresh = self._lead("same customer, came in later", stage_id=stage.id)
        kept = self._merge(self.held[0] | fresh)
        self.assertEqual(kept, fresh)
        self.pool_eu.holdback_percent = 0.0
        self.rpc("crossborder.lead.pool", "action_rotate_now", [self.pool_eu.id])
        self.assertTrue(kept.user_id, "the lead that remains was handed out")
        self.assertEqual(
            self.rpc(
                "crossborder.pool.event",
                "search_count",
                [("lead_id", "=", kept.id), ("kind", "=", "rotation")],
            ),
            1,
        )

    def test_a_deleted_lead_keeps_its_draw(self):
        """A drawn lead deleted since dropped out of both reports: deleting the
        leads one group lost made that group look better (before, its line was
        gone; now it stays, deleted, neither won nor lost)."""
        self.pool_eu._rotate_batch(seed=SEED)
        before = {arm: counts[0] for arm, counts in self._arms().items()}
        gone = self.rotated[0] | self.held[0]
        self.assertIs(self.rpc("crm.lead", "unlink", gone.ids), True)
        self.assertEqual(
            {arm: counts[0] for arm, counts in self._arms().items()},
            before,
            "every draw keeps its line in its group",
        )
        lines = self.rpc(
            LIFT,
            "search_read",
            [("pool_id", "=", self.pool_eu.id), ("outcome", "=", "deleted")],
            ["arm", "won_count", "revenue", "lead_id"],
        )
        self.assertEqual(
            sorted((line["arm"], line["won_count"], line["revenue"]) for line in lines),
            [("held_back", 0, 0.0), ("rotated", 0, 0.0)],
        )
        rows = self.rpc(
            SHARE,
            "formatted_read_group",
            [("pool_id", "=", self.pool_eu.id)],
            [],
            ["lead_count:sum"],
        )
        self.assertEqual(rows[0]["lead_count:sum"], len(self.rotated), "handed out, then deleted")
