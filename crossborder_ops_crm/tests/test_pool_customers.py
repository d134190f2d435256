# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools working per customer: a customer's open leads move together, the caps
count customers and the customer's salesperson follows his owner, on every
path (JSON-RPC as the salesperson, the manager's write, the scheduled actions).
Switching a pool with split customers is refused or settled by the wizard."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from ..planners import customers
from .common import PoolCase, PoolRpc

EMAIL = "anna@kunde-gmbh.example"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolCustomers(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Kunde GmbH", "is_company": True})
        cls.anna = Partner.create({"name": "Anna", "parent_id": cls.company.id, "email": EMAIL})
        cls.ben = Partner.create({"name": "Ben", "parent_id": cls.company.id})
        cls.other = Partner.create({"name": "Autre SARL", "is_company": True})
        cls.pool_eu.ownership_mode = "customer"
        cls.kunde = (
            cls._lead("Kunde: pumps", partner_id=cls.anna.id, email_from=EMAIL)
            | cls._lead("Kunde: valves", partner_id=cls.ben.id)
            | cls._lead("Kunde: spares", partner_id=cls.company.id)
        )
        cls.autre = cls._lead("Autre: tender", cls.fr, partner_id=cls.other.id)
        cls.loose = cls._lead("Fair visitor", cls.fr)  # no customer: a unit of its own

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _claim_as(self, user, lead):
        return lead.with_user(user).action_claim()

    # ------------------------------------------------------------------
    # claim: the whole customer, counted once
    # ------------------------------------------------------------------
    def test_claim_of_one_lead_takes_the_customer(self):
        self.rpc("crm.lead", "action_claim", [self.kunde[1].id])
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a, "the three leads move together")
        events = self._events(self.kunde, "claim").sudo()
        self.assertEqual(len(events), 3, "one audit line per lead")
        self.assertEqual(events.customer_id, self.company)
        self.assertEqual(len(events.filtered(lambda e: not e.with_customer)), 1)
        self.assertEqual(self.company.user_id, self.new_a, "the customer's salesperson follows")
        stats = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual((stats["held"], stats["claimed"]), (1, 1), "one customer, not three")
        self.assertEqual(self.m_new_a.pool_cap_display, "1 / 5")

    def test_private_cap_refuses_the_second_customer(self):
        self.tier_new.private_cap = 1
        self.rpc("crm.lead", "action_claim", [self.kunde[0].id])
        self.assertRpcRefused(
            "You may hold 1 customers .* already holds 1: 1 more would exceed the private cap",
            "crm.lead",
            "action_claim",
            [self.autre.id],
        )
        self.assertFalse(self.autre.user_id)

    def test_claim_cap_counts_customers(self):
        self.tier_new.claim_cap = 2
        self.rpc("crm.lead", "action_claim", [self.kunde[2].id])  # 3 leads, 1 customer
        self.rpc("crm.lead", "action_claim", [self.loose.id])  # 1 lead without customer
        self.assertRpcRefused(
            r"claim cap is 2 customers per week .* 2 were taken already",
            "crm.lead",
            "action_claim",
            [self.autre.id],
        )

    def test_salesperson_field_set_to_oneself_takes_the_customer(self):
        self.rpc("crm.lead", "write", [self.kunde[0].id], {"user_id": self.new_a.id})
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a)
        self.assertEqual(self.company.user_id, self.new_a)

    def test_customer_held_by_a_colleague_cannot_be_split(self):
        self._claim_as(self.new_b, self.kunde[0])
        extra = self._lead("Kunde: new request", partner_id=self.anna.id)
        self.assertEqual(extra.user_id, self.new_b, "a new lead joins its customer's owner")
        self.assertEqual(self._events(extra, "handover").to_user_id, self.new_b)

    def test_customer_field_cannot_split_a_held_customer(self):
        self._claim_as(self.new_b, self.kunde[0])
        self.rpc("crm.lead", "action_claim", [self.autre.id])
        self.assertRpcRefused(
            "Kunde GmbH is held by Noah New in the pool EU",
            "crm.lead",
            "write",
            [self.autre.id],
            {"partner_id": self.anna.id},
        )
        self.assertEqual(self.autre.partner_id, self.other, "nothing changed")
        self.assertEqual(self.company.user_id, self.new_b)

    def test_customer_field_cannot_take_a_waiting_customer(self):
        self.rpc("crm.lead", "action_claim", [self.loose.id])
        self.assertRpcRefused(
            "Autre SARL waits in the pool EU: claim the customer there",
            "crm.lead",
            "write",
            [self.loose.id],
            {"partner_id": self.other.id},
        )
        self.assertFalse(self.loose.partner_id)
        self.assertFalse(self.autre.user_id)

    def test_customer_field_counts_against_the_private_cap(self):
        self.tier_new.private_cap = 1
        self.rpc("crm.lead", "action_claim", [self.kunde[0].id])
        newcomer = self.env["res.partner"].create({"name": "Neu AG", "is_company": True})
        self.assertRpcRefused(
            "Neu AG would be one more customer for Nadia New, who holds 1 of the 1 allowed",
            "crm.lead",
            "write",
            [self.kunde[0].id],
            {"partner_id": newcomer.id},
        )
        self.assertEqual(self.kunde[0].partner_id, self.anna, "nothing changed")
        # all of Kunde's leads to Neu AG: one customer for another, within the cap
        self.rpc("crm.lead", "write", self.kunde.ids, {"partner_id": newcomer.id})
        self.assertEqual(self.kunde.partner_id, newcomer)
        self.assertEqual(newcomer.user_id, self.new_a, "the new customer's salesperson follows")
        stats = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual(stats["held"], 1)

    def test_a_lead_brought_into_the_pool_cannot_split_a_customer(self):
        """A lead made where no pool applies (another country, no team) for a
        customer a colleague holds, or who waits in the pool, then given the
        pool's country or team, is refused as one made in the pool is (outside
        audit 14, F1: the customer had two salespeople)."""
        self._claim_as(self.new_b, self.kunde[0])
        for made, moved, refusal in (
            (
                {"country_id": self.jp.id, "partner_id": self.ben.id},
                {"country_id": self.de.id},
                "Kunde GmbH is held by Noah New in the pool EU",
            ),
            (
                {"team_id": False, "country_id": self.de.id, "partner_id": self.ben.id},
                {"team_id": self.team.id},
                "Kunde GmbH is held by Noah New in the pool EU",
            ),
            (
                {"country_id": self.jp.id, "partner_id": self.other.id},
                {"country_id": self.fr.id},
                "Autre SARL waits in the pool EU",
            ),
        ):
            with self.subTest(moved=moved):
                values = {"name": "Side door", "type": "opportunity", "team_id": self.team.id}
                values.update(made, user_id=self.new_a.id)
                lead = self.env["crm.lead"].browse(self.rpc("crm.lead", "create", [values]))
                self.assertFalse(lead.pool_id, "made where no pool applies")
                self.assertRpcRefused(refusal, "crm.lead", "write", lead.ids, moved)
                lead.invalidate_recordset()
                self.assertFalse(lead.pool_id, "nothing changed")
        self.assertEqual(self.company.user_id, self.new_b)
        self.assertFalse(self.autre.user_id, "Autre SARL still waits")

    def test_leads_of_several_customers_are_not_filed_under_one(self):
        """The caps count customers: a salesperson moving his leads of other
        customers (or of none) to one customer would count fewer customers and
        claim again, while those customers left the pool's sight (outside audit
        14, F2). A pool manager puts together what is one customer."""
        for lead in (self.kunde[0], self.autre, self.loose):
            self.rpc("crm.lead", "action_claim", lead.ids)
        umbrella = self.env["res.partner"].create({"name": "Umbrella GmbH", "is_company": True})
        for leads, customer, words in (
            (self.autre, self.ben, "to Kunde GmbH would take 1 off"),
            (self.loose, self.ben, "to Kunde GmbH would take 1 off"),
            (self.autre | self.loose, umbrella, "to Umbrella GmbH would take 1 off"),
        ):
            with self.subTest(leads=leads.mapped("name"), customer=customer.name):
                self.assertRpcRefused(
                    f"The caps of the pool EU count customers: moving these leads {words} "
                    "the customers counted for Nadia New",
                    "crm.lead",
                    "write",
                    leads.ids,
                    {"partner_id": customer.id},
                )
        stats = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual(stats["held"], 3, "three customers, as claimed")
        self.assertEqual((self.autre | self.loose).partner_id, self.other, "nothing moved")
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", self.loose.ids, {"partner_id": self.ben.id})
        self.assertEqual(self.loose.partner_id, self.ben, "the manager puts them together")

    def test_a_parent_company_is_a_customer_of_its_own(self):
        """A company put under a parent company stays its own customer: the
        parent is another one. Moving a lead to the parent was counted as no
        customer more, past a full private cap, again and again (outside audit
        21, 1: 14 customers of 12)."""
        held = self.env["res.partner"].create(
            [{"name": f"Kunde {n}", "is_company": True} for n in range(5)]
        )
        for customer in held:
            self._lead(f"{customer.name}: pumps", partner_id=customer.id, user=self.new_a)
        self.assertEqual(self.m_new_a.pool_cap_display, "5 / 5")
        holding = self.env["res.partner"].create({"name": "Holding KG", "is_company": True})
        self.rpc("res.partner", "write", held[0].ids, {"parent_id": holding.id})
        values = {"name": "Second need", "type": "opportunity", "team_id": self.team.id}
        values.update(country_id=self.de.id, user_id=self.new_a.id, partner_id=held[0].id)
        lead = self.rpc("crm.lead", "create", values)
        self.assertRpcRefused(
            "Holding KG would be one more customer for Nadia New, who holds 5 of the 5",
            "crm.lead",
            "write",
            [lead],
            {"partner_id": holding.id},
        )
        self.m_new_a.invalidate_recordset()
        self.assertEqual(self.m_new_a.pool_cap_display, "5 / 5")

    def test_a_colleagues_or_waiting_customers_contacts_stay(self):
        """A salesperson archived the contacts of a customer waiting in the pool
        or held by a colleague: the leads, orders and invoices of that customer
        lost their contact (outside audits 18 and 19)."""
        self._claim_as(self.new_b, self.autre)
        for contact, refusal in (
            (self.anna, "Kunde GmbH waits in the pool EU: claim the customer there before"),
            (self.other, "Autre SARL is held by Noah New in the pool EU"),
        ):
            with self.subTest(contact=contact.name):
                self.assertRpcRefused(refusal, "res.partner", "action_archive", contact.ids)
                contact.invalidate_recordset()
                self.assertTrue(contact.active)
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.rpc("res.partner", "action_archive", self.other.ids)
        self.assertFalse(self.other.active, "his customer, his contacts")

    def test_a_win_is_won_for_a_customer_one_holds(self):
        """A lead made won for a customer waiting in the pool (or a colleague's),
        or won outside the pool first and then given its team, counted as one's
        result: conversion rates, the caps that follow them, the customer's last
        purchase (outside audit 21, 3)."""
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        values = {"name": "Big win", "type": "opportunity", "country_id": self.de.id}
        values.update(user_id=self.new_a.id, partner_id=self.ben.id, expected_revenue=50000)
        self.assertRpcRefused(
            "Kunde GmbH waits in the pool EU",
            "crm.lead",
            "create",
            dict(values, team_id=self.team.id, stage_id=won.id),
        )
        lead = self.rpc("crm.lead", "create", dict(values, team_id=False))
        self.rpc("crm.lead", "action_set_won", [lead])
        self.assertRpcRefused(
            "Kunde GmbH waits in the pool EU",
            "crm.lead",
            "write",
            [lead],
            {"team_id": self.team.id},
        )
        self.assertFalse(self.env["crm.lead"].browse(lead).pool_id, "won outside the pool")
        # made lost, then given the won stage (audit 22, G4): a lost lead is
        # restored before anything else (outside audit 58, F3)
        lost = self.rpc(
            "crm.lead", "create", dict(values, team_id=self.team.id, active=False, probability=0)
        )
        self.assertRpcRefused(
            "Big win was marked lost: restore it",
            "crm.lead",
            "write",
            [lost],
            {"stage_id": won.id, "probability": 100},
        )
        self.assertRpcRefused(
            "Won/Lost follows the lead's stage",
            "crm.lead",
            "write",
            [lost],
            {"won_status": "won"},
        )
        self.assertEqual(self.env["crm.lead"].browse(lost).won_status, "lost", "still lost")
        self.assertFalse(self.kunde.user_id, "Kunde GmbH still waits")

    def test_pool_leads_are_merged_by_their_pool_manager(self):
        """Merging deletes the leads merged into the one kept: leads of several
        customers merged by the salesperson counted fewer customers, an open
        lead merged into a won one left his count without a result (outside
        audit 18, 1), and leads made duplicates first were merged all the same
        (audit 20, 3). Their pool manager merges them."""
        for lead in (self.kunde[0], self.autre, self.loose):
            self.rpc("crm.lead", "action_claim", lead.ids)
        won = self._lead("Autre: last year", self.fr, partner_id=self.other.id, user=self.new_a)
        won.action_set_won()
        for leads in (
            self.kunde[0] | self.autre,
            self.autre | self.loose,
            self.autre | won,
            self.kunde[:2],
        ):
            with self.subTest(leads=leads.mapped("name")):
                refusal = "Merging leads of a pool deletes all but one of them"
                self.assertRpcRefused(refusal, "crm.lead", "merge_opportunity", leads.ids)
                wizard = self.rpc(
                    "crm.merge.opportunity",
                    "create",
                    {"opportunity_ids": [(6, 0, leads.ids)]},
                )
                self.assertRpcRefused(refusal, "crm.merge.opportunity", "action_merge", [wizard])
        self.assertEqual(len((self.kunde | self.autre | self.loose | won).exists()), 6)
        stats = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual(stats["held"], 3, "Kunde GmbH, Autre SARL, the fair visitor")
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "merge_opportunity", self.kunde[:2].ids)
        self.assertEqual(len(self.kunde.exists()), 2, "two of Kunde's leads made one")

    def test_a_closed_leads_customer_stays(self):
        """A lead marked lost (or won), given another customer, then restored
        (or reopened) came back under a customer he holds: his customers
        counted as one (outside audit 16, B), also when its contact was moved
        instead (audit 17, 1). A pool manager may change it."""
        pia = self.env["res.partner"].create({"name": "Pia Privat"})
        for lead in (self.autre, self.loose):
            self.rpc("crm.lead", "action_claim", lead.ids)
        self.rpc("crm.lead", "write", self.loose.ids, {"partner_id": pia.id})
        self.rpc("crm.lead", "action_set_lost", self.loose.ids)
        self.rpc("crm.lead", "action_set_won", self.autre.ids)
        for lead, customer in ((self.loose, self.other), (self.autre, self.company)):
            with self.subTest(lead=lead.name):
                self.assertRpcRefused(
                    f"{lead.name} is won or lost: the customer it was won or lost with stays",
                    "crm.lead",
                    "write",
                    lead.ids,
                    {"partner_id": customer.id},
                )
        self.assertRpcRefused(
            "Pia Privat is the contact of won or lost leads in the pool EU",
            "res.partner",
            "write",
            pia.ids,
            {"parent_id": self.other.id},
        )
        self.assertEqual((self.loose.partner_id, self.autre.partner_id), (pia, self.other))
        self.assertEqual(pia.commercial_partner_id, pia, "nothing changed")
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", self.loose.ids, {"partner_id": self.other.id})
        self.assertEqual(self.loose.partner_id, self.other)

    def test_a_contacts_customer_is_his_company(self):
        """A contact's customer written by hand put him (and his leads, orders
        and invoices) under a colleague's customer, or counted one's customers
        as one (outside audit 16, A); a contact moved to or from a colleague's
        customer, or one waiting in the pool, is his to move (D)."""
        self._claim_as(self.new_b, self.kunde[0])  # Kunde GmbH is Noah's
        self.rpc("crm.lead", "action_claim", self.autre.ids)  # Autre SARL is hers
        [own] = self.rpc("res.partner", "create", [{"name": "Olga Own"}])
        self.rpc(
            "crm.lead",
            "create",
            [
                {
                    "name": "Olga's pumps",
                    "partner_id": own,
                    "user_id": self.new_a.id,
                    "team_id": self.team.id,
                    "country_id": self.de.id,
                }
            ],
        )
        [spare] = self.rpc("res.partner", "create", [{"name": "Sam Spare"}])
        neu = self.env["res.partner"].create({"name": "Neu AG", "is_company": True})
        held = "Kunde GmbH is held by Noah New in the pool EU.*his contacts are Noah New's"
        for ids, values, refusal in (
            ([own], {"commercial_partner_id": self.company.id}, held),
            ([own], {"parent_id": self.company.id}, held),
            ([own], {"commercial_partner_id": self.other.id}, "Olga Own is the contact of open"),
            ([spare], {"commercial_partner_id": self.other.id}, "The customer of Sam Spare is"),
            # a colleague's contact taken to a customer of one's own
            (self.ben.ids, {"parent_id": neu.id}, held),
            (self.ben.ids, {"commercial_partner_id": neu.id}, held),
        ):
            with self.subTest(ids=ids, values=values):
                self.assertRpcRefused(refusal, "res.partner", "write", ids, values)
        # made with one, a contact gets the customer Odoo computes
        [forged] = self.rpc(
            "res.partner", "create", [{"name": "Fred Forged", "commercial_partner_id": neu.id}]
        )
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.browse(forged).commercial_partner_id.id, forged)
        self.assertEqual(Partner.browse([own, spare]).commercial_partner_id.ids, [own, spare])
        self.assertEqual(self.ben.commercial_partner_id, self.company, "still Noah's customer")
        stats = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual(stats["held"], 2, "Autre SARL and Olga Own")
        # her own contact without leads joins a customer nobody holds
        self.assertTrue(self.rpc("res.partner", "write", [spare], {"parent_id": neu.id}))

    def test_customer_salesperson_field_follows_the_pool(self):
        self.assertRpcRefused(
            r"Kunde GmbH is a customer of the pool EU: his salesperson is whoever holds "
            r"him there \(nobody yet\)",
            "res.partner",
            "write",
            [self.company.id],
            {"user_id": self.new_a.id},
        )
        self.assertFalse(self.company.user_id)
        self._claim_as(self.new_b, self.kunde[0])
        self.assertRpcRefused(
            r"\(Noah New\)", "res.partner", "write", [self.company.id], {"user_id": self.new_a.id}
        )
        self.assertEqual(self.company.user_id, self.new_b)
        # a contact of the customer, or the value it has, is written as before
        self.rpc("res.partner", "write", [self.company.id], {"user_id": self.new_b.id})
        self.rpc("res.partner", "write", [self.anna.id], {"user_id": self.new_a.id})
        self.assertEqual(self.anna.user_id, self.new_a)
        # a pool manager hands the customer's salesperson over by hand
        self.company.with_user(self.manager).write({"user_id": self.new_a.id})
        self.assertEqual(self.company.user_id, self.new_a)

    def test_masking_follows_the_customer(self):
        read = self.rpc("crm.lead", "read", [self.kunde[0].id], ["email_from", "partner_id"])
        self.assertEqual(read[0]["email_from"], "•••@kunde-gmbh.example")
        self.assertFalse(read[0]["partner_id"])
        self.rpc("crm.lead", "action_claim", [self.kunde[2].id])
        read = self.rpc("crm.lead", "read", [self.kunde[0].id], ["email_from", "partner_id"])
        self.assertEqual(read[0]["email_from"], EMAIL, "claimed with its customer: unmasked")
        self.assertEqual(read[0]["partner_id"][0], self.anna.id)
        self.kunde[1].with_user(self.new_a)._release_to_pool("no_capacity")
        read = self.rpc("crm.lead", "read", self.kunde.ids, ["email_from", "partner_id"])
        self.assertEqual(read[0]["email_from"], "•••@kunde-gmbh.example", "masked again")
        self.assertFalse(any(r["partner_id"] for r in read))

    # ------------------------------------------------------------------
    # release, recycling, rotation, give-back, handover
    # ------------------------------------------------------------------
    def test_release_gives_the_customer_back(self):
        self.rpc("crm.lead", "action_claim", [self.kunde[0].id])
        self.rpc(
            "crossborder.lead.release.wizard",
            "action_release",
            [
                self.rpc(
                    "crossborder.lead.release.wizard",
                    "create",
                    [{"lead_ids": [(6, 0, [self.kunde[1].id])], "reason": "no_capacity"}],
                )[0]
            ],
        )
        self.assertFalse(self.kunde.user_id, "the three leads went back together")
        self.assertEqual(len(self._events(self.kunde, "release")), 3)
        self.assertFalse(self.company.user_id, "the customer's salesperson is cleared")

    def test_recycling_moves_the_whole_customer(self):
        self._claim_as(self.new_a, self.kunde[0])
        now = fields.Datetime.now()
        idle = now - timedelta(days=20)
        self.kunde.sudo().with_context(crossborder_pool_move=True).write(
            {"last_progress_date": idle, "date_open": idle}
        )
        # one lead followed up yesterday: the customer is worked, nothing moves
        self.kunde[2].sudo().with_context(crossborder_pool_move=True).write(
            {"last_progress_date": now - timedelta(days=1)}
        )
        self.pool_eu._recycle_batch(now=now)
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a)
        self.kunde[2].sudo().with_context(crossborder_pool_move=True).write(
            {"last_progress_date": idle}
        )
        self.pool_eu._recycle_batch(now=now)
        self.assertFalse(self.kunde.user_id, "recycled together")
        self.assertEqual(len(self._events(self.kunde, "recycle")), 3)
        self.assertEqual(set(self.kunde.mapped("recycle_count")), {1})
        self.assertFalse(self.company.user_id)

    def test_rotation_hands_out_whole_customers(self):
        run = self.pool_eu._rotate_batch(now=fields.Datetime.now())
        owners = self.kunde.mapped("user_id")
        self.assertEqual(len(owners), 1, "the customer went whole to one salesperson")
        self.assertEqual(self.company.user_id, owners)
        self.assertEqual(self.other.user_id, self.autre.user_id)
        # three units (Kunde, Autre, the fair visitor) among two new salespeople
        self.assertEqual(run.assigned_count, 5)
        self.assertEqual((run.min_per_person, run.max_per_person), (1, 2))
        events = self._events(self.kunde, "rotation")
        self.assertEqual(len(events), 3)
        self.assertEqual(events.run_id, run)

    def test_over_cap_gives_back_whole_customers(self):
        self._claim_as(self.new_a, self.kunde[0])
        self._claim_as(self.new_a, self.autre)
        self.tier_new.private_cap = 1
        self.pool_eu._give_back_batch()
        self.assertEqual(
            len(self.kunde.mapped("user_id")) + len(self.autre.user_id),
            1,
            "one customer kept whole, the other given back whole",
        )

    def test_give_back_batches_end_between_customers(self):
        self._claim_as(self.new_a, self.autre)
        self._claim_as(self.new_a, self.kunde[0])
        self._claim_as(self.new_a, self.loose)
        self.tier_new.private_cap = 1
        # two customers above the cap, the idlest first: Autre SARL (1 lead), then
        # Kunde GmbH (3 leads); the fair visitor, the freshest, stays
        now = fields.Datetime.now()
        self.autre.sudo().last_progress_date = now - timedelta(days=9)
        self.kunde.sudo().last_progress_date = now - timedelta(days=5)
        done, remaining = self.pool_eu._give_back_batch(limit=2)
        self.assertEqual((done, remaining), (1, 3), "Kunde's three leads wait for the next batch")
        self.assertFalse(self.autre.user_id)
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a, "not cut in two")
        done, remaining = self.pool_eu._give_back_batch(limit=2)
        self.assertEqual((done, remaining), (3, 0), "a customer larger than a batch goes whole")
        self.assertFalse(self.kunde.mapped("user_id"))
        self.assertEqual(self.loose.user_id, self.new_a)

    def test_a_waiting_lead_given_a_held_customer_joins_his_salesperson(self):
        """A pool manager set a waiting lead's customer to one Nadia holds: the
        lead stayed in the pool, where nobody could claim it (Nadia neither: her
        cap counted the customer she holds as one more), and the rotation
        skipped it (outside audit 6). It joins her, as a lead made for him does."""
        self._claim_as(self.new_a, self.kunde[0])
        self.assertFalse(self.loose.user_id)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", [self.loose.id], {"partner_id": self.ben.id})
        self.assertEqual(self.loose.pool_id, self.pool_eu)
        self.assertEqual(self.loose.user_id, self.new_a, "one salesperson per customer")
        self.assertIn(
            "joins the salesperson who holds its customer",
            self._events(self.loose).sudo().rule_text,
        )
        stats = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual(stats["held"], 1, "still one customer")

    def test_manager_reassignment_moves_the_customer(self):
        self._claim_as(self.new_a, self.kunde[0])
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", [self.kunde[2].id], {"user_id": self.new_b.id})
        self.assertEqual(self.kunde.mapped("user_id"), self.new_b)
        self.assertEqual(self.company.user_id, self.new_b)
        self.assertEqual(len(self._events(self.kunde, "reassign")), 3)

    def test_handover_to_the_pool_moves_the_customer(self):
        self._claim_as(self.new_a, self.kunde[0])
        wizard = (
            self.env["crossborder.pool.handover"]
            .with_user(self.manager)
            .create({"user_id": self.new_a.id, "mode": "pool"})
        )
        wizard.action_handover()
        self.assertFalse(self.kunde.user_id)
        self.assertFalse(self.company.user_id)

    # ------------------------------------------------------------------
    # switching the mode
    # ------------------------------------------------------------------
    def _split_in_lead_mode(self):
        self.pool_eu.ownership_mode = "lead"
        self._claim_as(self.veteran, self.kunde[0])
        self._claim_as(self.new_a, self.kunde[1])
        # Nadia took hers last
        self.kunde[0].sudo().with_context(crossborder_pool_move=True).date_open = (
            fields.Datetime.now() - timedelta(days=3)
        )

    def test_switch_to_customers_refuses_split_customers(self):
        self._split_in_lead_mode()
        with self.assertFails(ValidationError, r"Kunde GmbH: Vera Veteran, Nadia New, the pool"):
            self.pool_eu.with_user(self.manager).ownership_mode = "customer"
        self.assertEqual(self.pool_eu.ownership_mode, "lead")
        self.assertEqual(self.kunde[0].user_id, self.veteran, "nothing moved")

    def test_switch_wizard_lets_the_latest_owner_keep_the_customer(self):
        self._split_in_lead_mode()
        wizard = self.pool_eu.with_user(self.manager).action_switch_ownership()
        wizard = self.env[wizard["res_model"]].with_user(self.manager).browse(wizard["res_id"])
        self.assertEqual((wizard.split_count, wizard.move_count), (1, 2))
        self.assertIn("Kunde GmbH", wizard.split_summary)
        wizard.action_confirm()
        self.assertEqual(self.pool_eu.ownership_mode, "customer")
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a, "the latest owner keeps all")
        moved = self._events(self.kunde, "handover").sudo()
        self.assertEqual(
            sorted((e.lead_id.id, e.from_user_id.id, e.to_user_id.id) for e in moved),
            sorted(
                [
                    (self.kunde[0].id, self.veteran.id, self.new_a.id),
                    (self.kunde[2].id, False, self.new_a.id),
                ]
            ),
        )
        self.assertEqual(self.company.user_id, self.new_a)

    def test_switch_back_to_leads_moves_nothing(self):
        self._claim_as(self.new_a, self.kunde[0])
        self.pool_eu.with_user(self.manager).ownership_mode = "lead"
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a)
        self.kunde[1].with_user(self.new_a)._release_to_pool("no_capacity")
        self.assertEqual(
            self.kunde.mapped("user_id"), self.new_a, "per lead again: only that lead went back"
        )
        self.assertFalse(self.kunde[1].user_id)

    # ------------------------------------------------------------------
    # cost
    # ------------------------------------------------------------------
    def test_claim_query_count_one_lead_customer(self):
        self._claim_as(self.new_a, self.kunde[0])  # caches warm
        lead = self.autre.with_user(self.new_a)
        self.env.invalidate_all()
        with self.assertQueryCount(30):
            lead.action_claim()
        self.assertEqual(self.other.user_id, self.new_a)

    def test_claim_query_count(self):
        self._claim_as(self.new_a, self.autre)  # caches warm
        lead = self.kunde[0].with_user(self.new_a)
        self.env.invalidate_all()
        with self.assertQueryCount(30):
            lead.action_claim()
        self.assertEqual(self.kunde.mapped("user_id"), self.new_a)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestCustomerPlanner(PoolCase):
    def test_units_and_reconciliation(self):
        day = fields.Datetime.now()
        U = customers.UnitLead
        leads = [
            U(1, 10, 5, day - timedelta(days=3)),
            U(2, 10, 6, day - timedelta(days=1)),
            U(3, 10, None, None),
            U(4, None, None, None),
            U(5, 11, 7, day),
        ]
        self.assertEqual(customers.count_units(leads), 3)
        self.assertEqual(customers.count_units(leads, per_customer=False), 5)
        self.assertEqual(customers.split_customers(leads), {10: [5, 6, None]})
        self.assertEqual(customers.reconcile(leads), [(1, 5, 6, 10), (3, None, 6, 10)])
        self.assertEqual(
            customers.expand([(1, 9, "r")], {1: [1, 2, 3]}),
            [(1, 9, "r", True), (2, 9, "r", False), (3, 9, "r", False)],
        )
