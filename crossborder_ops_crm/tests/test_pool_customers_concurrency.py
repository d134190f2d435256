# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools working per customer, on separate database connections: a claim or a
rotation locks every lead of the customer it takes, a second claim of the same
customer waits for the first (seen in pg_locks) and is told who won, and a
customer one of whose leads another transaction holds is left whole.

The test data is committed (a race needs two transactions that both see it)
and deleted again at the end."""

from odoo.tests import tagged

from .concurrency import PoolRaceCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolCustomersConcurrency(PoolRaceCase):
    race_tier = {"private_cap": 5, "claim_cap": 10}
    race_pool = {
        "holdback_percent": 0.0,
        "ownership_mode": "customer",
        "rotation_batch_size": 1,  # one lead read: its customer's others come along
    }

    def _race_leads(self, env, team, tag):
        company = env["res.partner"].create({"name": f"Race GmbH {tag}", "is_company": True})
        contacts = env["res.partner"].create(
            [{"name": f"Contact {i}", "parent_id": company.id} for i in range(2)]
        )
        leads = env["crm.lead"].create(
            [
                {
                    "name": f"race lead {i}",
                    "team_id": team.id,
                    "partner_id": partner.id,
                    "user_id": False,
                }
                for i, partner in enumerate(contacts | company)
            ]
        )
        # a customer new to the pool: no lead yet
        fresh = env["res.partner"].create({"name": f"Fresh AG {tag}", "is_company": True})
        return leads, company | contacts | fresh

    def test_second_claim_of_the_customer_waits_and_is_told_who_won(self):
        alice, bob = self.ids["users"]
        first, _second, third = self.ids["leads"]
        outcome = self._race(
            alice,
            lambda env: env["crm.lead"].browse(first).action_claim(),
            bob,
            lambda env: env["crm.lead"].browse(third).action_claim(),
            while_first_holds=lambda: self.assertEqual(
                self._lockable(self.ids["leads"]), [], "all three leads of the customer are locked"
            ),
        )
        self.assertTrue(outcome["blocked"], "Bob's claim waited for Alice's (pg_locks)")
        self.assertNotIn("claimed", outcome)
        self.assertIn(f"was just claimed by {self.names[0]}", outcome["error"])
        self.assertEqual(self._owners(), [alice] * 3)

    def test_rotation_locks_every_lead_of_the_customer(self):
        with self._separate_env() as env:
            run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch()
            self.assertEqual(run.assigned_count, 3, "one lead read, the customer's three moved")
            self.assertEqual(self._lockable(self.ids["leads"]), [], "the rotation holds all three")
            owners = env["crm.lead"].browse(self.ids["leads"]).mapped("user_id")
            self.assertEqual(len(owners), 1)
            env.cr.rollback()

    def test_rotation_leaves_a_busy_customer_whole(self):
        with self._held([self.ids["leads"][1]]), self._separate_env() as env:
            run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch()
            self.assertEqual((run.assigned_count, run.busy_count), (0, 1))
            self.assertFalse(env["crm.lead"].browse(self.ids["leads"]).user_id)
            env.cr.rollback()

    def _fresh_race(self, second_call):
        """Alice makes a lead for herself for the new customer while Bob's
        ``second_call(env, fresh)`` gives him the same customer; the leads
        made are deleted with the fixtures. Returns (outcome, their owners)."""
        alice, bob = self.ids["users"]
        fresh = self.ids["partners"][-1]

        def make(env, customer=fresh):
            lead = env["crm.lead"].create(
                {
                    "name": "new inquiry",
                    "team_id": self.ids["team"],
                    "partner_id": customer,
                    "user_id": env.uid,
                }
            )
            return lead.id

        with self._separate_env() as env:  # Bob's own lead, of no customer
            bobs = env["crm.lead"].create(
                {"name": "Bob's card", "team_id": self.ids["team"], "user_id": bob}
            )
        self.ids["leads"].append(bobs.id)
        try:
            outcome = self._race(
                alice, make, bob, lambda env: second_call(env, fresh, make, bobs.id)
            )
        finally:
            with self._separate_env() as env:
                made = env["crm.lead"].search([("partner_id", "=", fresh)])
                self.ids["leads"] += [lead_id for lead_id in made.ids if lead_id != bobs.id]
                owners = sorted(set(made.user_id.ids))
        return outcome, owners

    def test_two_leads_made_at_once_for_a_new_customer(self):
        """Alice and Bob each made a lead for the same new customer at the same
        moment (two servers): both were accepted and the customer had two
        salespeople (outside audit 6). Bob's waits for Alice's (pg_locks), is
        retried and refused."""
        outcome, owners = self._fresh_race(lambda env, fresh, make, _bobs: make(env))
        self.assertTrue(outcome["blocked"], "Bob's lead waited for Alice's (pg_locks)")
        self.assertIn(f"is held by {self.names[0]}", outcome.get("error", ""))
        self.assertEqual(owners, [self.ids["users"][0]], "one salesperson for the customer")

    def test_a_lead_moved_to_a_customer_made_at_the_same_time(self):
        """Bob moved his own lead to the customer while Alice made one for him."""
        outcome, owners = self._fresh_race(
            lambda env, fresh, _make, bobs: env["crm.lead"]
            .browse(bobs)
            .write({"partner_id": fresh})
        )
        self.assertTrue(outcome["blocked"], "Bob's change waited for Alice's lead (pg_locks)")
        self.assertIn(f"is held by {self.names[0]}", outcome.get("error", ""))
        self.assertEqual(owners, [self.ids["users"][0]])
