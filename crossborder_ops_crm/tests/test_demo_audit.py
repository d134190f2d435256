# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's audit tells a short story from the first login: claims by the
demo salespeople, a release, a recycle of a lead nobody followed up and one
rotation run, dated days before the install, and the leads stand where those
moves left them. Each login that works the pool finds it, over JSON-RPC as the
web client asks."""

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import PoolRpc

DEMO = "crossborder_ops_crm.%s"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestDemoAudit(PoolRpc, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.victor, cls.nina, cls.nate = (
            ref(DEMO % f"user_{name}_demo") for name in ("victor", "nina", "nate")
        )
        cls.admin = ref("base.user_admin")
        cls.munich, cls.austin, cls.utrecht, cls.frankfurt, cls.boston, cls.guadalajara = (
            ref(DEMO % xmlid)
            for xmlid in (
                "lead_nina_1_demo",
                "lead_nate_1_demo",
                "lead_pool_4_demo",
                "lead_pool_1_demo",
                "lead_rot_1_demo",
                "lead_rot_2_demo",
            )
        )
        cls.pool_na = ref(DEMO % "pool_na_demo")
        # the day of the install, which the demo's dates count back from (the
        # database may be tested days later)
        cls.installed = cls.munich.create_date.date()

    def _days_before_install(self, value):
        return (self.installed - fields.Datetime.to_datetime(value).date()).days

    def _audit(self, login):
        """The audit lines the login reads: (kind, lead id, from, to, done by, days
        before the install)."""
        self.authenticate(login, login)
        lines = self.rpc(
            "crossborder.pool.event",
            "search_read",
            [],
            ["kind", "lead_id", "from_user_id", "to_user_id", "actor_id", "date"],
        )
        return {
            (
                line["kind"],
                line["lead_id"] and line["lead_id"][0],
                line["from_user_id"] and line["from_user_id"][0],
                line["to_user_id"] and line["to_user_id"][0],
                line["actor_id"] and line["actor_id"][0],
                self._days_before_install(line["date"]),
            )
            for line in lines
        }

    def _story(self):
        victor, nina, nate = self.victor.id, self.nina.id, self.nate.id
        return {
            "recycle": ("recycle", self.frankfurt.id, victor, False, False, 30),
            "nina_claim": ("claim", self.munich.id, False, nina, nina, 20),
            "nate_claim": ("claim", self.austin.id, False, nate, nate, 12),
            "victor_claim": ("claim", self.utrecht.id, False, victor, victor, 12),
            "victor_release": ("release", self.utrecht.id, victor, False, victor, 9),
            "rotation_nina": ("rotation", self.boston.id, False, nina, False, 8),
            "rotation_nate": ("rotation", self.guadalajara.id, False, nate, False, 8),
        }

    def test_each_salesperson_finds_his_moves_in_the_audit(self):
        story = self._story()
        expected = {
            "victor": {"recycle", "victor_claim", "victor_release"},
            "nina": {"nina_claim", "rotation_nina"},
            "nate": {"nate_claim", "rotation_nate"},
        }
        for login, keys in expected.items():
            with self.subTest(login=login):
                self.assertEqual(self._audit(login), {story[key] for key in keys})

    def test_the_pool_manager_reads_the_whole_story(self):
        self.assertEqual(self._audit("admin"), set(self._story().values()))
        # claims per salesperson (the audit's pivot)
        claims = self.rpc(
            "crossborder.pool.event",
            "formatted_read_group",
            [("kind", "=", "claim")],
            ["to_user_id"],
            ["__count"],
        )
        self.assertEqual(
            {group["to_user_id"][0]: group["__count"] for group in claims},
            {self.victor.id: 1, self.nina.id: 1, self.nate.id: 1},
        )
        # the rotation run, fair, dated with its moves
        [run] = self.rpc(
            "crossborder.rotation.run",
            "search_read",
            [("pool_id", "=", self.pool_na.id)],
            ["assigned_count", "spread", "date"],
        )
        self.assertEqual((run["assigned_count"], run["spread"]), (2, 0))
        self.assertEqual(self._days_before_install(run["date"]), 8)
        # recycled / rotated / converted leads
        lines = self.rpc(
            "crossborder.pool.lead.report",
            "search_read",
            [("lead_id", "in", (self.frankfurt | self.boston | self.guadalajara).ids)],
            ["lead_id", "was_recycled", "was_rotated"],
        )
        self.assertEqual(
            {(line["lead_id"][0], line["was_recycled"], line["was_rotated"]) for line in lines},
            {
                (self.frankfurt.id, True, False),
                (self.boston.id, False, True),
                (self.guadalajara.id, False, True),
            },
        )

    def test_salespeople_find_their_leads_in_the_pool_report(self):
        for login, leads in (
            ("nina", self.munich | self.boston),
            ("nate", self.austin | self.guadalajara),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                lines = self.rpc(
                    "crossborder.pool.lead.report", "search_read", [], ["lead_id", "was_claimed"]
                )
                self.assertLessEqual(set(leads.ids), {line["lead_id"][0] for line in lines})

    def test_leads_stand_where_their_moves_left_them(self):
        self.assertEqual(self.munich.user_id, self.nina)
        self.assertEqual(self.boston.user_id, self.nina)
        self.assertEqual(self.austin.user_id, self.nate)
        self.assertEqual(self.guadalajara.user_id, self.nate)
        for lead, days in ((self.munich, 20), (self.austin, 12), (self.boston, 8)):
            with self.subTest(lead=lead.name):
                self.assertEqual(self._days_before_install(lead.date_open), days)
        # given back by Victor, waiting since; recycled from Victor, waiting since
        for lead, days, recycled in ((self.utrecht, 9, 0), (self.frankfurt, 30, 1)):
            with self.subTest(lead=lead.name):
                self.assertEqual(lead.pool_state, "pool")
                self.assertFalse(lead.user_id)
                self.assertEqual(lead.last_owner_id, self.victor)
                self.assertEqual(lead.recycle_count, recycled)
                self.assertEqual(self._days_before_install(lead.pool_entry_date), days)
        # the veteran stays near his cap, and in cool-down on the lead he gave back
        member = self.env.ref(DEMO % "crm_team_member_victor_demo")
        self.assertEqual(member.pool_cap_display, "11 / 12")
        self.authenticate("victor", "victor")
        self.assertRpcRefused("cool-down ends on", "crm.lead", "action_claim", self.utrecht.ids)
