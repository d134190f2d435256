# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the pool's hot paths, each set just above the count
measured when it was written (the second, warm run of each test). A budget
that fails means a query crept in; a set-based path (recycling, rotation) keeps
the same budget for four times the leads: a query per lead would break it."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tests.common import warmup

from ..models.crossborder_pool_mover import POOL_MOVE
from .common import NOW, PoolCase

# measured (warm): claim 35, release 22, recycle 26 then 24, rotation 47 then 33
BUDGETS = {"claim": 37, "release": 24, "recycle": 28, "rotation": 49}


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolQueryBudgets(PoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_veteran.private_cap = 200
        cls.tier_new.private_cap = 200
        cls.tier_new.claim_cap = 200

    def _waiting(self, count):
        return self.env["crm.lead"].concat(
            *(self._lead(f"waiting {i}", self.de if i % 2 else self.fr) for i in range(count))
        )

    def _idle(self, count):
        leads = self.env["crm.lead"].concat(
            *(self._lead(f"idle {i}", self.de, user=self.veteran) for i in range(count))
        )
        leads.with_context(**{POOL_MOVE: True}).write(
            {
                "last_progress_date": NOW - timedelta(days=20),
                "date_open": NOW - timedelta(days=20),
            }
        )
        return leads

    @warmup
    def test_claim(self):
        lead = self._waiting(1)
        with self.assertQueryCount(BUDGETS["claim"]):
            lead.with_user(self.new_a).action_claim()
        self.assertEqual(lead.user_id, self.new_a)

    @warmup
    def test_release(self):
        lead = self._idle(1)
        with self.assertQueryCount(BUDGETS["release"]):
            lead.with_user(self.veteran)._release_to_pool("no_capacity")
        self.assertFalse(lead.user_id)

    @warmup
    def test_recycle(self):
        for count in (10, 40):
            leads = self._idle(count)
            with self.assertQueryCount(BUDGETS["recycle"]):
                self.pool_eu._recycle_batch(sql=True)
            self.assertFalse(leads.user_id, f"{count} leads back in the pool")

    @warmup
    def test_rotation(self):
        for count in (10, 40):
            leads = self._waiting(count)
            with self.assertQueryCount(BUDGETS["rotation"]):
                run = self.pool_eu._rotate_batch()
            self.assertEqual(run.assigned_count, count)
            self.assertTrue(all(leads.mapped("user_id")))
