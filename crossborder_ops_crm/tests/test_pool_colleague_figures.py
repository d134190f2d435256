# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A salesperson's conversion and hoarding index are his own: colleagues see
each other's counters and caps (the pool's fairness), not the figures behind
them. And a group's hoarding index is the share of its held leads left idle,
not the mean of its salespeople's percentages. Played over JSON-RPC, as the
web client calls."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from ..models.crossborder_pool_mover import POOL_MOVE
from .common import PoolCase, PoolRpc

MEMBER_FIELDS = ["user_id", "pool_cap_display", "pool_private_cap", "pool_cap_explained"]


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestColleagueFigures(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the veteran's cap follows his results; any idle lead lowers it
        cls.tier_veteran.write(
            {
                "private_cap": 3,
                "cap_follows_results": True,
                "cap_min": 1,
                "cap_max": 6,
                "cap_step": 2,
                "cap_reference_conversion": 20.0,
                "cap_reference_hoarding": 0.0,
            }
        )
        won = cls._lead("Won", user=cls.veteran).sudo()
        won.action_set_won()
        lost = cls._lead("Lost", user=cls.veteran).sudo()
        lost.action_set_lost()
        held = cls._lead("Held", user=cls.veteran)
        idle = cls._lead("Idle", user=cls.veteran)
        (held | idle).with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": fields.Datetime.now()}
        )
        idle.with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": fields.Datetime.now() - timedelta(days=30)}
        )

    def _veterans_row(self, login):
        self.authenticate(login, login)
        (row,) = self.rpc(
            "crm.team.member",
            "search_read",
            [("user_id", "=", self.veteran.id), ("crm_team_id", "=", self.team.id)],
            MEMBER_FIELDS,
        )
        return row

    def test_colleague_reads_the_cap_not_the_figures_behind_it(self):
        row = self._veterans_row("cbo_new_a")
        # 1 won of 2 closed (50 %): + 6; 1 of 2 held idle (50 %): - 10; within 1-6
        self.assertEqual(
            (row["pool_cap_display"], row["pool_private_cap"]),
            ("2 / 1", 1),
            "Nadia still sees how many leads Vera holds and her cap",
        )
        self.assertFalse(row["pool_cap_explained"], "not Vera's conversion nor hoarding index")
        # the hoarding report agrees: a salesperson reads her own line only
        self.assertEqual(
            self.rpc(
                "crossborder.hoarding.report",
                "search_read",
                [("user_id", "=", self.veteran.id)],
                ["hoarding_index"],
            ),
            [],
        )

    def test_own_row_and_managers_read_the_explanation(self):
        explained = "1 = 3 base + 6 for your 50 % conversion − 10 for 50 % of your leads"
        for login in ("cbo_vet", "cbo_pool_mgr"):
            with self.subTest(login=login):
                row = self._veterans_row(login)
                self.assertEqual(row["pool_private_cap"], 1)
                self.assertIn(explained, row["pool_cap_explained"])


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestHoardingIndexGrouped(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = cls.env.cr.now()  # the report reads PostgreSQL's clock, not the frozen one
        # Vera: 2 held, 1 idle (50 %); Nadia: 8 held, none idle (0 %)
        leads = cls.env["crm.lead"].browse(
            [cls._lead(f"Vera {i}", user=cls.veteran).id for i in range(2)]
            + [cls._lead(f"Nadia {i}", user=cls.new_a).id for i in range(8)]
        )
        leads.with_context(**{POOL_MOVE: True}).write({"last_progress_date": now})
        leads[0].with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": now - timedelta(days=30)}
        )

    def test_team_index_is_idle_over_held(self):
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        for aggregate in ("hoarding_index:avg", "hoarding_index:sum", "hoarding_index:max"):
            with self.subTest(aggregate=aggregate):
                (group,) = self.rpc(
                    "crossborder.hoarding.report",
                    "formatted_read_group",
                    [("team_id", "=", self.team.id)],
                    ["team_id"],
                    [aggregate, "held_count:sum", "idle_count:sum"],
                )
                self.assertEqual((group["held_count:sum"], group["idle_count:sum"]), (10, 1))
                # not (50 + 0) / 2 = 25 %
                self.assertEqual(group[aggregate], 10.0, "1 idle lead of 10 held")
        # each salesperson's own line keeps its own index
        lines = self.rpc(
            "crossborder.hoarding.report",
            "formatted_read_group",
            [("team_id", "=", self.team.id)],
            ["user_id"],
            ["hoarding_index:avg"],
        )
        self.assertEqual(
            {line["user_id"][0]: line["hoarding_index:avg"] for line in lines},
            {self.veteran.id: 50.0, self.new_a.id: 0.0},
        )


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestRotationChatter(PoolRpc, PoolCase, HttpCase):
    def test_lead_chatter_names_no_conversion(self):
        # over the last 90 days Noah won 3 of 4 closed leads, Nadia 1 of 4
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        for user, wins in ((self.new_b, 3), (self.new_a, 1)):
            closed = self.env["crm.lead"].browse(
                [self._lead(f"closed {i}", user=user).id for i in range(4)]
            )
            closed[:wins].write({"stage_id": won.id})
            closed[wins:].action_set_lost()
        lead = self._lead("Rotated")
        self.pool_eu.rotation_prefers_results = True
        self.pool_eu._rotate_batch()
        self.assertEqual(lead.user_id, self.new_b)
        # Noah gives it back: it waits in the pool, its chatter read by his colleagues
        lead.with_user(self.new_b)._release_to_pool("no_capacity")
        self.authenticate("cbo_new_a", "cbo_new_a")
        bodies = " ".join(
            message["body"]
            for message in self.rpc(
                "mail.message",
                "search_read",
                [("model", "=", "crm.lead"), ("res_id", "=", lead.id)],
                ["body"],
            )
        )
        self.assertIn("Handed to Noah New by the rotation of the pool EU", bodies)
        self.assertNotIn("75 %", bodies, "not Noah's conversion")
        # Noah's own record of the move keeps why he got it
        self.authenticate("cbo_new_b", "cbo_new_b")
        (event,) = self.rpc(
            "crossborder.pool.event",
            "search_read",
            [("lead_id", "=", lead.id), ("kind", "=", "rotation")],
            ["rule_text"],
        )
        self.assertIn("won 75 % of the leads closed in 90 days", event["rule_text"])
