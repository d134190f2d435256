# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PoolCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolSecurity(PoolCase):
    def test_private_leads_only_for_owner_and_managers(self):
        private_b = self._lead("Noah's customer", self.de, user=self.new_b)
        with self.assertRaises(AccessError):
            private_b.with_user(self.new_a).read(["name"])
        self.assertEqual(
            private_b.with_user(self.manager).read(["name"])[0]["name"], "Noah's customer"
        )
        visible = self.env["crm.lead"].with_user(self.new_a).search([("id", "=", private_b.id)])
        self.assertFalse(visible)

    def test_pool_leads_only_for_pool_salespeople(self):
        waiting = self._lead("waiting", self.us)
        other_team = self._lead("domestic waiting", self.de, team=self.other_team)
        Lead = self.env["crm.lead"]
        self.assertEqual(Lead.with_user(self.new_a).search([("id", "=", waiting.id)]), waiting)
        self.assertFalse(Lead.with_user(self.new_a).search([("id", "=", other_team.id)]))
        self.assertEqual(
            Lead.with_user(self.outsider).search([("id", "=", other_team.id)]), other_team
        )
        self.assertFalse(Lead.with_user(self.outsider).search([("id", "=", waiting.id)]))

    def test_contact_details_masked_until_claimed(self):
        lead = self._lead(
            "masked", self.de, email_from="anna.schmidt@example.de", phone="+49 30 1234567"
        )
        values = lead.with_user(self.new_a).read(["email_from", "phone"])[0]
        self.assertEqual(values["email_from"], "•••@example.de")
        self.assertEqual(values["phone"], "•••• 67")
        self.assertEqual(
            lead.with_user(self.manager).read(["email_from"])[0]["email_from"],
            "anna.schmidt@example.de",
        )
        lead.with_user(self.new_a).action_claim()
        self.assertEqual(
            lead.with_user(self.new_a).read(["email_from"])[0]["email_from"],
            "anna.schmidt@example.de",
        )
        self.pool_eu.mask_contact = False
        other = self._lead("open", self.de, email_from="x@example.de")
        self.assertEqual(
            other.with_user(self.new_b).read(["email_from"])[0]["email_from"], "x@example.de"
        )

    def test_salespeople_cannot_configure_or_forge_history(self):
        with self.assertRaises(AccessError):
            self.pool_eu.with_user(self.new_a).followup_days = 400
        with self.assertRaises(AccessError):
            self.tier_new.with_user(self.veteran).private_cap = 999
        lead = self._lead("claimed", self.de)
        lead.with_user(self.new_a).action_claim()
        event = self._events(lead)
        with self.assertRaises(AccessError):
            event.with_user(self.new_a).unlink()
        with self.assertRaises(AccessError):
            self.env["crossborder.pool.event"].with_user(self.new_a).create(
                {"lead_id": lead.id, "kind": "claim", "to_user_id": self.new_b.id}
            )
        self.assertEqual(
            self.env["crossborder.pool.event"]
            .with_user(self.new_b)
            .search([("id", "=", event.id)]),
            self.env["crossborder.pool.event"],
            "salespeople see only their own moves",
        )

    def test_events_follow_the_leads_company(self):
        lead = self._lead("claimed", self.de)
        lead.with_user(self.new_a).action_claim()
        lead.with_user(self.new_a)._release_to_pool("no_capacity")
        lead.with_user(self.new_b).action_claim()
        Event = self.env["crossborder.pool.event"]
        events = self._events(lead)
        self.assertEqual(events.company_id, lead.company_id)
        own = Event.with_user(self.new_a).search([("lead_id", "=", lead.id)])
        self.assertEqual(
            own.mapped("kind"),
            ["release", "claim"],
            "Nadia keeps her own history of a lead she can no longer read",
        )
        other_company = self.env["res.company"].create({"name": "Crossborder Other Co"})
        elsewhere = new_test_user(
            self.env,
            login="cbo_other_co",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        self.assertFalse(Event.with_user(elsewhere).search([("lead_id", "=", lead.id)]))
        self.assertEqual(Event.with_user(self.manager).search([("lead_id", "=", lead.id)]), events)
