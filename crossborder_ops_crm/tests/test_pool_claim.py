# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import NOW, PoolCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolClaim(PoolCase):
    def test_lead_without_salesperson_is_in_matching_pool(self):
        eu = self._lead("Berlin importer", self.de)
        us = self._lead("Ohio distributor", self.us)
        nowhere = self._lead("Tokyo shop", self.jp)
        self.assertEqual((eu.pool_id, eu.pool_state), (self.pool_eu, "pool"))
        self.assertEqual(us.pool_id, self.pool_na)
        self.assertFalse(nowhere.pool_id)
        self.assertEqual(eu.pool_entry_date, NOW)
        self.pool_na.country_ids = [(4, self.jp.id)]
        self.assertEqual(nowhere.pool_id, self.pool_na, "pool rules changed: leads follow")

    def test_tier_from_tenure_or_manager(self):
        self.assertEqual(self.m_vet.tier_id, self.tier_veteran)
        self.assertEqual(self.m_vet.tenure_months, 13)
        self.assertEqual(self.m_new_a.tier_id, self.tier_new)
        self.m_new_a.joined_date = (NOW - timedelta(days=200)).date()
        self.assertEqual(self.m_new_a.tier_id, self.tier_veteran, "six months reached")
        self.m_new_a.tier_override_id = self.tier_new
        self.assertEqual(self.m_new_a.tier_id, self.tier_new, "the manager decides")

    def test_claim_takes_the_lead_and_records_it(self):
        lead = self._lead("Lyon retailer", self.fr)
        lead.with_user(self.new_a).action_claim()
        self.assertEqual(lead.user_id, self.new_a)
        self.assertEqual(lead.pool_state, "private")
        self.assertTrue(lead.date_open)
        self.assertFalse(lead.pool_entry_date)
        event = self._events(lead, "claim")
        self.assertEqual((event.to_user_id, event.pool_id), (self.new_a, self.pool_eu))
        self.assertIn("Claimed from the pool EU by Nadia New", lead.message_ids[0].body)
        self.assertEqual(self.m_new_a.pool_cap_display, "1 / 5")
        self.assertEqual(self.m_new_a.pool_claim_display, "1 of 4 this week")

    def test_claim_already_taken_names_the_holder(self):
        lead = self._lead("Munich wholesaler", self.de)
        lead.with_user(self.new_a).action_claim()
        with self.assertFails(UserError, "^This lead is not available"):
            lead.with_user(self.new_b).action_claim()

    def test_private_cap(self):
        for i in range(3):
            self._lead(f"held {i}", self.de, user=self.veteran)
        lead = self._lead("one too many", self.de)
        with self.assertFails(
            UserError, r"private cap is 3 open leads \(tier T-Veteran\) and you already hold 3"
        ):
            lead.with_user(self.veteran).action_claim()
        self.assertFalse(lead.user_id, "nothing changed")
        self.assertFalse(self._events(lead))

    def test_claim_cap_per_period(self):
        leads = self.env["crm.lead"].browse([self._lead(f"pool {i}", self.de).id for i in range(3)])
        leads[:2].with_user(self.veteran).action_claim()
        leads[:2].with_user(self.veteran)._release_to_pool("no_capacity")
        with self.assertFails(
            UserError, "claim cap is 2 leads a week .* you have claimed 2 this week"
        ):
            leads[2].with_user(self.veteran).action_claim()
        with freeze_time(NOW + timedelta(days=7)):  # next week, fresh cap
            leads[2].with_user(self.veteran).action_claim()
            self.assertEqual(leads[2].user_id, self.veteran)

    def test_bulk_claim_is_all_or_nothing(self):
        leads = self.env["crm.lead"].browse([self._lead(f"b{i}", self.de).id for i in range(5)])
        with self.assertFails(UserError, "claim cap is 4"):
            leads.with_user(self.new_a).action_claim()
        self.assertFalse(leads.user_id)
        leads[:4].with_user(self.new_a).action_claim()
        self.assertEqual(leads[:4].user_id, self.new_a)

    def test_cool_down_after_release(self):
        lead = self._lead("Hamburg buyer", self.de)
        lead.with_user(self.new_a).action_claim()
        wizard = Form(
            self.env["crossborder.lead.release.wizard"]
            .with_user(self.new_a)
            .with_context(active_model="crm.lead", active_ids=lead.ids)
        )
        wizard.reason = "not_interested"
        wizard.note = "Buys only in Q4"
        wizard.save().action_release()
        self.assertEqual(lead.pool_state, "pool")
        self.assertEqual(lead.last_owner_id, self.new_a)
        release = self._events(lead, "release")
        self.assertEqual((release.reason, release.note), ("not_interested", "Buys only in Q4"))
        self.assertIn("Customer not interested now — Buys only in Q4", lead.message_ids[0].body)
        with (
            freeze_time(NOW + timedelta(days=29)),
            self.assertFails(
                UserError,
                "You gave Hamburg buyer back to the pool, or passed it to a colleague who did, "
                "less than 30 days",
            ),
        ):
            lead.with_user(self.new_a).action_claim()
        with freeze_time(NOW + timedelta(days=31)):
            lead.with_user(self.new_a).action_claim()
            self.assertEqual(lead.user_id, self.new_a)

    def test_reserved_leads_only_for_new_salespeople(self):
        lead = self._lead("reserved", self.de, reserved_until=NOW + timedelta(days=1))
        with self.assertFails(UserError, "reserved to new salespeople"):
            lead.with_user(self.veteran).action_claim()
        lead.with_user(self.new_b).action_claim()
        self.assertEqual(lead.user_id, self.new_b)

    def test_other_team_cannot_claim(self):
        lead = self._lead("team only", self.de)
        with self.assertFails(UserError, "not a salesperson of the team Cross-border B2B"):
            lead.with_user(self.manager).action_claim()

    def test_duplicate_customer_warning(self):
        self._lead("held", self.de, user=self.veteran, email_from="buyer@acme.example")
        lead = self._lead("pool copy", self.de, email_from="Buyer@ACME.example")
        action = lead.with_user(self.new_a).action_claim()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("held by Vera Veteran", action["params"]["message"])
        self.assertEqual(lead.user_id, self.new_a, "a warning, not a refusal")

    def test_release_only_own_leads(self):
        lead = self._lead("Vera's", self.de, user=self.veteran)
        with self.assertFails(UserError, "only release your own leads"):
            lead.with_user(self.new_a)._release_to_pool("other")

    def test_a_manager_releasing_is_named(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        mine.with_user(self.manager)._release_to_pool("no_capacity")
        self.assertIn("Released to the pool EU by Mia Manager", mine.message_ids[0].body)

    def test_manual_reassignment_is_audited(self):
        lead = self._lead("reassigned", self.de, user=self.veteran)
        lead.user_id = self.new_a
        self.env.cr.precommit.run()  # audit rows are written when the transaction commits
        event = self._events(lead, "reassign")
        self.assertEqual((event.from_user_id, event.to_user_id), (self.veteran, self.new_a))
        lead.user_id = False
        self.env.cr.precommit.run()
        self.assertEqual(self._events(lead, "release").reason, "manual")
        self.assertEqual(lead.pool_state, "pool")
        self.assertEqual(lead.last_owner_id, self.new_a)

    def test_bad_configuration(self):
        with self.assertFails(ValidationError, "cannot be negative"):
            self.tier_new.private_cap = -1
        with self.assertFails(ValidationError, "needs both a private cap and a claim cap"):
            self.env["crossborder.sales.tier"].create({"name": "No caps", "claim_cap": 0})
        with self.assertFails(ValidationError, "cannot be negative"):
            self.pool_eu.cooldown_days = -3
        with self.assertFails(ValidationError, "both clocks need at least one day"):
            self.pool_eu.followup_days = 0
        with self.assertFails(ValidationError, "cover some of the same countries"):
            self.env["crossborder.lead.pool"].create(
                {"name": "Germany", "team_id": self.team.id, "country_ids": [(6, 0, self.de.ids)]}
            )
        # another team may cover the same country
        third_team = self.env["crm.team"].create({"name": "Marketplace", "member_ids": False})
        pool = self.env["crossborder.lead.pool"].create(
            {"name": "DE marketplace", "team_id": third_team.id, "country_ids": self.de.ids}
        )
        self.assertTrue(pool)
