# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the pool's hot paths (issue 15): a claim and a release cost a
fixed number of queries, and a recycling or rotation batch costs the same for 60
leads as for 120 — the bulk paths never query once per lead. A budget that
grows means a query crept into a loop; lower the number when a change saves some."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.crm_lead import POOL_MOVE
from .common import NOW, PoolCase

# measured on the four addons with demo data; Odoo fails a test above its budget
CLAIM = 43
RELEASE = 35
RECYCLE_BATCH = 33
ROTATION_BATCH = 51


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolQueryBudgets(PoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # room for the batches below: caps are not what is measured here
        (cls.tier_new | cls.tier_veteran).write({"private_cap": 1000, "claim_cap": 1000})

    def _waiting(self, count, tag):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"{tag} {i}",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "country_id": self.de.id,
                    "user_id": False,  # not the creator: waiting in the pool
                }
                for i in range(count)
            ]
        )

    def _idle(self, count, tag):
        """Leads the veteran has not followed up for 20 days: due for recycling."""
        leads = self._waiting(count, tag)
        leads.with_context(**{POOL_MOVE: True}).write(
            {"user_id": self.veteran.id, "last_progress_date": NOW - timedelta(days=20)}
        )
        return leads

    def test_claim_and_release(self):
        first, lead, spare = self._waiting(3, "claim")
        first.with_user(self.new_a).action_claim()  # caches of the salesperson warmed
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(CLAIM):
            lead.with_user(self.new_a).action_claim()
        self.assertEqual(lead.user_id, self.new_a)
        first.with_user(self.new_a)._release_to_pool("no_capacity")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(RELEASE):
            lead.with_user(self.new_a)._release_to_pool("no_capacity")
        self.assertFalse(lead.user_id)
        self.assertFalse(spare.user_id)

    def test_recycling_batch_does_not_grow_with_its_leads(self):
        self._idle(60, "warm-up")
        self.pool_eu._recycle_batch()  # a first run fills Odoo's caches
        for count in (60, 120):
            with self.subTest(leads=count):
                leads = self._idle(count, f"idle {count}")
                self.env.flush_all()
                self.env.invalidate_all()
                with self.assertQueryCount(RECYCLE_BATCH):
                    processed, _remaining = self.pool_eu._recycle_batch()
                self.assertEqual(processed, count)
                self.assertFalse(leads.user_id, "all of them went back to the pool")

    def test_rotation_batch_does_not_grow_with_its_leads(self):
        self._waiting(60, "warm-up")
        self.pool_eu._rotate_batch()  # a first run fills Odoo's caches
        handed_out = self.env["crm.lead"]
        for count in (60, 120):
            with self.subTest(leads=count):
                leads = self._waiting(count, f"waiting {count}")
                self.env.flush_all()
                self.env.invalidate_all()
                with self.assertQueryCount(ROTATION_BATCH):
                    run = self.pool_eu._rotate_batch()
                self.assertEqual(run.assigned_count, count)
                self.assertEqual(leads.user_id, self.new_a | self.new_b)
                handed_out |= leads
        # the bulk path left what the ORM would: each owner follows his leads
        self.assertTrue(
            all(lead.user_id.partner_id in lead.message_partner_ids for lead in handed_out)
        )
