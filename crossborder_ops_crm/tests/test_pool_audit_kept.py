# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pool's audit outlives its leads: a sales manager deleting a claimed lead,
or merging it into another, neither gives the salesperson her claim back nor
erases who took it; nobody deletes or rewrites the audit over JSON-RPC."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from ..planners.holdback import draw, held_back
from .common import SALESMAN, PoolCase, PoolRpc, RpcRefused


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolAuditKept(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = cls._new_sales_manager()
        # Nadia's tier: a claim cap of 4 a week (private cap 5)
        cls.waiting = cls.env["crm.lead"].browse(
            [cls._lead(f"Pool buyer {i}", cls.de).id for i in range(6)]
        )

    def _claim_up_to_the_cap(self):
        """As Nadia: claim four leads, her claim cap of the week."""
        self.authenticate("cbo_new_a", "cbo_new_a")
        for lead in self.waiting[:4]:
            self.rpc("crm.lead", "action_claim", [lead.id])
        self.assertEqual(self._claimed(), 4)

    def _claimed(self):
        self.env.invalidate_all()
        return self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]["claimed"]

    def _claim_beyond_the_cap_is_refused(self):
        self.authenticate("cbo_new_a", "cbo_new_a")
        with self.assertRaisesRegex(RpcRefused, "claim cap is 4 leads a week"):
            self.rpc("crm.lead", "action_claim", [self.waiting[5].id])
        self.waiting[5].invalidate_recordset()
        self.assertFalse(self.waiting[5].user_id, "still waiting")
        self.assertEqual(self._claimed(), 4, "the claims of the week still count")

    def test_deleted_lead_keeps_its_claim_and_audit(self):
        self._claim_up_to_the_cap()
        deleted = self.waiting[0]
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        self.assertIs(self.rpc("crm.lead", "unlink", [deleted.id]), True)
        self.assertFalse(deleted.exists())

        self._claim_beyond_the_cap_is_refused()
        # the audit still says who took which lead, to the manager and to her
        for login in ("cbo_sales_mgr", "cbo_new_a"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                [line] = self.rpc(
                    "crossborder.pool.event",
                    "search_read",
                    [("former_lead_name", "=", "Pool buyer 0")],
                    ["kind", "lead_id", "to_user_id", "actor_id", "display_name"],
                )
                self.assertEqual(line["kind"], "claim")
                self.assertFalse(line["lead_id"])
                self.assertEqual(line["to_user_id"][0], self.new_a.id)
                self.assertEqual(line["actor_id"][0], self.new_a.id)
                self.assertEqual(line["display_name"], "Pool buyer 0 (deleted)")

    def test_merged_lead_keeps_its_claim_and_its_name_in_the_audit(self):
        self._claim_up_to_the_cap()
        # the sales manager merges one of Nadia's claimed leads into a surer
        # lead of Vera's: the claimed lead is deleted into Vera's
        kept = self._lead("Vera's sure deal", self.de, user=self.veteran, probability=90)
        merged = self.waiting[2]
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        wizard = self.rpc(
            "crm.merge.opportunity",
            "create",
            {
                "opportunity_ids": [(6, 0, [kept.id, merged.id])],
                "user_id": self.veteran.id,
                "team_id": self.team.id,
            },
        )
        self.rpc("crm.merge.opportunity", "action_merge", [wizard])
        self.assertEqual((kept | merged).exists(), kept, "merged into Vera's")

        self._claim_beyond_the_cap_is_refused()
        claim = self._events(kept, "claim")
        self.assertEqual(claim.to_user_id, self.new_a, "her claim, now on the lead kept")
        self.assertEqual(
            (claim.former_lead_name, claim.former_lead_number), ("Pool buyer 2", merged.id)
        )

    def test_rotation_draw_still_checks_out_after_merge_and_delete(self):
        self.tier_new.write({"private_cap": 100, "claim_cap": 100})
        self.pool_eu.holdback_percent = 50.0
        # a seed that keeps two leads back or more and rotates the others (the
        # draw depends on the leads' numbers, which differ from one database to another)
        ids = self.waiting.ids
        seed = next(s for s in range(2026, 2226) if 2 <= len(held_back(ids, 50.0, s)) < len(ids))
        run = self.pool_eu._rotate_batch(seed=seed)
        self.assertTrue(run.holdback_checked)
        rotated = self.waiting.filtered("user_id")
        kept_back = self.waiting - rotated
        self.assertTrue(rotated and len(kept_back) > 1, "the seed keeps some back")
        self.assertTrue(all(draw(seed, lead.id) < 0.5 for lead in kept_back))
        # a rotated lead merged into a kept-back one, another kept-back one deleted
        head, deleted = kept_back[0], kept_back[1]
        head.probability = 95
        self.env.flush_all()
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        self.rpc("crm.lead", "merge_opportunity", [head.id, rotated[0].id])
        self.rpc("crm.lead", "unlink", [deleted.id])
        self.assertFalse((rotated[0] | deleted).exists())
        self.env.invalidate_all()
        self.assertEqual(len(run.event_ids), len(self.waiting), "every draw still on record")
        self.assertTrue(run.holdback_checked, "drawn for the leads as they were")

    def test_audit_is_not_deleted_by_the_server_either(self):
        # Settings > Privacy Lookup deletes the records it finds as the superuser
        self._claim_up_to_the_cap()
        events = self._events(self.waiting[:4])
        with self.assertRaisesRegex(UserError, "Forget the deleted lead's name"):
            events.sudo().unlink()
        self.assertEqual(len(events.exists()), 4)
        self.assertEqual(self._claimed(), 4, "the claims still count")

    def test_audit_cannot_be_deleted_or_rewritten_over_rpc(self):
        self._claim_up_to_the_cap()
        events = self._events(self.waiting[:4])
        self.assertEqual(len(events), 4)
        for login in ("cbo_sales_mgr", "cbo_pool_mgr", "cbo_new_a"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertRpcRefused(
                    "not allowed to delete", "crossborder.pool.event", "unlink", events.ids
                )
                self.assertRpcRefused(
                    "not allowed to modify",
                    "crossborder.pool.event",
                    "write",
                    events.ids,
                    {"to_user_id": self.new_b.id, "lead_id": False},
                )
        self.assertEqual(events.exists(), events)
        self.assertEqual(events.to_user_id, self.new_a)

    def test_pool_manager_forgets_a_deleted_lead_name(self):
        self._claim_up_to_the_cap()
        deleted = self.waiting[0]
        number = deleted.id
        self.authenticate("cbo_new_a", "cbo_new_a")
        wizard = self.rpc(
            "crossborder.lead.release.wizard",
            "create",
            {"lead_ids": [(6, 0, deleted.ids)], "reason": "other", "note": "Anna Schmidt retired"},
        )
        self.rpc("crossborder.lead.release.wizard", "action_release", [wizard])
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        self.rpc("crm.lead", "unlink", [number])
        lines = self.env["crossborder.pool.event"].search([("former_lead_number", "=", number)])
        self.assertEqual(lines.mapped("kind"), ["release", "claim"])
        before = lines.read(["date", "kind", "from_user_id", "to_user_id", "actor_id", "rule"])

        # the pool manager forgets the name from one of its lines: gone from both
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crossborder.pool.event", "action_forget_former_lead", lines[:1].ids)
        self.env.invalidate_all()
        self.assertEqual(lines.mapped("former_lead_name"), [False, False])
        self.assertEqual(lines.mapped("note"), [False, False], "the free text goes too")
        self.assertEqual(lines.mapped("former_lead_number"), [number, number])
        self.assertEqual(
            lines.read(["date", "kind", "from_user_id", "to_user_id", "actor_id", "rule"]), before
        )
        found = self.rpc(
            "crossborder.pool.event",
            "search_read",
            ["|", ("former_lead_name", "ilike", "Pool buyer 0"), ("note", "ilike", "Schmidt")],
            ["display_name"],
        )
        self.assertFalse(found)
        [line] = self.rpc(
            "crossborder.pool.event", "read", lines[:1].ids, ["display_name", "former_lead_name"]
        )
        self.assertEqual(line["display_name"], f"Lead no. {number} (deleted)")
        # the pool's chatter says who forgot which number, nothing personal
        said = self.pool_eu.message_ids[:1]
        self.assertIn(str(number), said.body)
        self.assertIn("Mia Manager", said.body)
        self.assertNotIn("Pool buyer 0", said.body)
        self.assertNotIn("Schmidt", said.body)
        # her claim still counts against her cap
        self._claim_beyond_the_cap_is_refused()

    def test_only_managers_forget_a_deleted_lead_name(self):
        self._claim_up_to_the_cap()
        deleted = self.waiting[0]
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        self.rpc("crm.lead", "unlink", deleted.ids)
        [line] = (
            self.env["crossborder.pool.event"].search([("former_lead_number", "=", deleted.id)]).ids
        )
        all_leads = new_test_user(
            self.env,
            login="cbo_all_leads",
            name="Alma All-Leads",
            groups="sales_team.group_sale_salesman_all_leads," + SALESMAN,
        )
        self.assertTrue(all_leads)
        for login in ("cbo_new_a", "cbo_all_leads"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertRpcRefused(
                    "Only pool managers and sales managers",
                    "crossborder.pool.event",
                    "action_forget_former_lead",
                    [line],
                )
        for login in ("cbo_new_a", "cbo_all_leads", "cbo_pool_mgr", "cbo_sales_mgr"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertRpcRefused(
                    "not allowed to modify",
                    "crossborder.pool.event",
                    "write",
                    [line],
                    {"former_lead_name": False},
                )
        self.env.invalidate_all()
        event = self.env["crossborder.pool.event"].browse(line)
        self.assertEqual(event.former_lead_name, "Pool buyer 0")
        # a sales manager may forget it too
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        self.rpc("crossborder.pool.event", "action_forget_former_lead", [line])
        self.env.invalidate_all()
        self.assertFalse(event.former_lead_name)
