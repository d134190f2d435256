# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import BaseCase, tagged

from ..planners.caps import CapRule, results_cap
from ..planners.handover import share_customers
from .common import NOW, PoolCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestHandoverPlanner(BaseCase):
    def test_customers_stay_whole_biggest_first(self):
        owner = share_customers([("a", [1, 2, 3]), ("b", [4]), ("c", [5, 6])], [21, 22])
        self.assertEqual(owner, {1: 21, 2: 21, 3: 21, 5: 22, 6: 22, 4: 22})
        self.assertEqual(share_customers([("a", [1])], []), {})


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolHandover(PoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.big = Partner.create({"name": "Big Kunde AG", "is_company": True})
        cls.small = Partner.create({"name": "Petit Client SARL", "is_company": True})
        cls.leads = (
            cls._lead("Big 1", user=cls.veteran, partner_id=cls.big.id)
            | cls._lead("Big 2", user=cls.veteran, partner_id=cls.big.id, country=cls.fr)
            | cls._lead("Small", user=cls.veteran, partner_id=cls.small.id)
        )
        cls.outside = cls._lead(  # no pool covers Japan
            "Tokyo", user=cls.veteran, partner_id=cls.small.id, country=cls.jp
        )
        cls.stage = cls.env["crm.stage"].search(
            [("is_won", "=", False)], order="sequence desc", limit=1
        )
        cls.leads[0].sudo().stage_id = cls.stage
        cls.activity = (
            cls.leads[0]
            .sudo()
            .activity_schedule(
                "mail.mail_activity_data_call", user_id=cls.veteran.id, summary="Call back Monday"
            )
        )

    def _wizard(self, **values):
        return (
            self.env["crossborder.pool.handover"]
            .with_user(self.manager)
            .create({"user_id": self.veteran.id, **values})
        )

    def test_the_manager_is_told_what_the_handover_did_to_the_caps(self):
        """Caps do not apply to a manager's handover, but it pushed colleagues
        far above their private cap, or gave pool leads to someone outside the
        pool's team (counted in no cap), and said only "handed over" (outside
        audit 6)."""
        self.tier_new.private_cap = 2
        result = self._wizard(
            mode="colleagues", colleague_ids=[(6, 0, self.new_a.ids)]
        ).action_handover()
        params = result["params"]
        self.assertEqual((params["type"], params["sticky"]), ("warning", True))
        self.assertIn(
            "Above the private cap now: Nadia New holds 4 of 2 in Cross-border B2B.",
            params["message"],
        )
        self.leads.sudo().write({"user_id": self.veteran.id})
        result = self._wizard(
            mode="colleagues", colleague_ids=[(6, 0, self.outsider.ids)]
        ).action_handover()
        self.assertIn(
            "Not members of the pool's team, so these leads count in no cap: Otto Other in "
            "Cross-border B2B.",
            result["params"]["message"],
        )
        self.tier_new.private_cap = 30
        self.leads.sudo().write({"user_id": self.veteran.id})
        wizard = self._wizard(mode="colleagues", colleague_ids=[(6, 0, self.new_b.ids)])
        self.assertEqual(wizard.action_handover()["params"]["type"], "success")

    def test_to_colleagues_with_activities_history_and_audit(self):
        wizard = self._wizard(
            mode="colleagues", colleague_ids=[(6, 0, [self.new_a.id, self.new_b.id])], note="VIP"
        )
        self.assertEqual((wizard.lead_count, wizard.customer_count), (4, 2))
        result = wizard.action_handover()
        self.assertIn("4 leads of Vera Veteran handed over", result["params"]["message"])
        big, big2, small = self.leads
        self.assertEqual((big.user_id, big2.user_id), (self.new_a, self.new_a), "a customer whole")
        self.assertEqual((small.user_id, self.outside.user_id), (self.new_b, self.new_b))
        self.assertEqual(big.stage_id, self.stage, "the stage is kept")
        self.assertEqual(self.activity.user_id, self.new_a, "his to-dos follow the lead")
        self.assertNotIn(self.veteran.partner_id, big.message_partner_ids)
        self.assertIn(self.new_a.partner_id, big.message_partner_ids)
        events = self._events(self.leads | self.outside, "handover")
        self.assertEqual(len(events), 4)
        self.assertEqual(set(events.mapped("actor_id")), {self.manager})
        self.assertEqual(set(events.mapped("from_user_id")), {self.veteran})
        self.assertIn(
            "Handed over from Vera Veteran to Nadia New by Mia Manager — VIP.",
            big.message_ids.mapped("body")[0],
        )
        self.assertIn("Handed over from Vera Veteran to Noah New", self.outside.message_ids[0].body)

    def test_back_to_the_pools(self):
        with self.assertRaises(UserError):  # the Tokyo lead is in no pool
            self._wizard(mode="pool").action_handover()
        self.outside.sudo().action_set_lost()
        self._wizard(mode="pool", note="left the company").action_handover()
        self.assertFalse(self.leads.user_id)
        self.assertEqual(set(self.leads.mapped("pool_state")), {"pool"})
        self.assertFalse(self.activity.exists(), "nobody's to-do in the pool")
        events = self._events(self.leads, "release")
        self.assertEqual(set(events.mapped("reason")), {"handover"})
        self.assertEqual(set(events.mapped("actor_id")), {self.manager})

    def test_only_managers_hand_over(self):
        wizard = (
            self.env["crossborder.pool.handover"]
            .with_user(self.new_a)
            .new({"user_id": self.veteran.id, "mode": "colleagues"})
        )
        with self.assertRaises(AccessError):
            wizard.action_handover()
        self.assertEqual(self.leads.user_id, self.veteran)
        with self.assertRaises(UserError):
            self._wizard(mode="colleagues").action_handover()


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestManagerAssignOnly(PoolCase):
    def test_salespeople_see_but_only_the_manager_hands_out(self):
        self.pool_eu.manager_assign_only = True
        lead = self._lead("Tender", user=None)
        self.assertEqual(lead.pool_id, self.pool_eu)
        as_new = lead.with_user(self.new_a)
        self.assertFalse(as_new.pool_claimable)
        self.assertIn("which its manager hands out", as_new.pool_banner)
        with self.assertRaisesRegex(UserError, "which its manager hands out: ask Mia Manager"):
            as_new.action_claim()
        with self.assertRaisesRegex(UserError, "which its manager hands out"):
            as_new.user_id = self.new_a  # the Salesperson field is a claim
        self.assertFalse(lead.user_id)
        with self.enter_registry_test_mode():
            self.env.ref("crossborder_ops_crm.ir_cron_pool_rotate").method_direct_trigger()
        self.assertFalse(lead.user_id, "the rotation leaves the pool alone")
        lead.with_user(self.manager).user_id = self.new_a
        self.assertEqual(lead.user_id, self.new_a)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestKeyAccounts(PoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_veteran.protected_quota = 2
        cls.keys = cls.env["crm.lead"]
        for i in range(3):
            cls.keys |= cls._lead(f"Key {i}", user=cls.veteran)

    def test_quota_never_exceeded_on_any_path(self):
        mine = self.keys.with_user(self.veteran)
        with self.assertRaisesRegex(UserError, "allows 2 key account"):
            mine.write({"pool_key_account": True})  # three at once
        self.assertFalse(any(self.keys.mapped("pool_key_account")))
        mine[:2].write({"pool_key_account": True})
        with self.assertRaisesRegex(UserError, "2 are already marked"):
            mine[2].pool_key_account = True
        with self.assertRaisesRegex(UserError, "Only Vera Veteran or a pool manager"):
            self.keys[2].with_user(self.new_a).pool_key_account = True

    def test_key_accounts_are_never_recycled_and_not_in_the_private_cap(self):
        self.keys[:2].with_user(self.veteran).write({"pool_key_account": True})
        self.assertFalse(self.keys[0].pool_recycle_date, "no clock on a key account")
        stats = self.m_vet._pool_caps(NOW)[(self.veteran.id, self.team.id)]
        self.assertEqual(stats["held"], 1, "key accounts counted apart")
        self.keys.flush_recordset()
        self.env.cr.execute(  # idle for 100 days
            "UPDATE crm_lead SET last_progress_date = %s, date_open = %s WHERE id = ANY(%s)",
            [NOW - timedelta(days=100), NOW - timedelta(days=100), self.keys.ids],
        )
        self.keys.invalidate_recordset()
        self.pool_eu._recycle_batch(now=NOW)
        self.assertEqual(self.keys[:2].user_id, self.veteran, "key accounts stay")
        self.assertFalse(self.keys[2].user_id, "the other idle lead went back")
        self.assertFalse(self.keys[2].pool_key_account)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestResultsCapPlanner(BaseCase):
    def test_cap_explains_itself(self):
        rule = CapRule(10, 5, 14, 2, 20.0, 50.0)
        self.assertEqual(results_cap(rule, 31.0, 40.0), (12, 2, 0))
        self.assertEqual(results_cap(rule, 0.0, 100.0), (5, -4, 10), "bounded below")
        self.assertEqual(results_cap(rule, 100.0, None), (14, 16, 0), "bounded above")
        self.assertEqual(results_cap(rule, None, None), (10, 0, 0), "nothing measured")


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestResultsCap(PoolCase):
    def test_the_veterans_cap_follows_his_conversion(self):
        self.tier_veteran.write(
            {
                "private_cap": 3,
                "cap_follows_results": True,
                "cap_min": 1,
                "cap_max": 6,
                "cap_step": 2,
                "cap_reference_conversion": 20.0,
            }
        )
        won = self._lead("Won", user=self.veteran).sudo()
        won.action_set_won()
        lost = self._lead("Lost", user=self.veteran).sudo()
        lost.action_set_lost()
        self.m_vet.invalidate_recordset()
        # 1 won of 2 closed: 50 %, 30 points above 20 %: + 6, bounded at 6
        self.assertEqual(self.m_vet.pool_private_cap, 6)
        self.assertEqual(
            self.m_vet.pool_cap_explained, "6 = 3 base + 6 for your 50 % conversion within 1–6"
        )
        # the claim rule reads the same cap: 6 leads held, a seventh refused
        for i in range(6):
            self._lead(f"Held {i}", user=self.veteran)
        waiting = self._lead("Waiting", user=None)
        with self.assertRaisesRegex(UserError, "cap"):
            waiting.with_user(self.veteran).action_claim()
        with self.assertRaises(ValidationError):
            self.tier_veteran.cap_max = 2  # below the base cap
