# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools working per customer, on separate database connections: a claim or a
rotation locks every lead of the customer it takes, a second claim of the same
customer waits for the first (seen in pg_locks) and is told who won, and a
customer one of whose leads another transaction holds is left whole.

The test data is committed (a race needs two transactions that both see it)
and deleted again at the end."""

import threading
import time
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import SALESMAN


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolCustomersConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tier = env["crossborder.sales.tier"].create(
                {"name": f"Cust race {tag}", "private_cap": 5, "claim_cap": 10}
            )
            team = env["crm.team"].create({"name": f"Cust race team {tag}", "member_ids": False})
            users = [
                new_test_user(
                    env, login=f"crace_{name}_{tag}", name=f"{name} {tag}", groups=SALESMAN
                )
                for name in ("Alice", "Bob")
            ]
            env["crm.team.member"].create(
                [
                    {"crm_team_id": team.id, "user_id": u.id, "tier_override_id": tier.id}
                    for u in users
                ]
            )
            pool = env["crossborder.lead.pool"].create(
                {
                    "name": f"Cust race pool {tag}",
                    "team_id": team.id,
                    "holdback_percent": 0.0,
                    "ownership_mode": "customer",
                    "rotation_batch_size": 1,  # one lead read: its customer's others come along
                }
            )
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
            self.ids = {
                "tier": tier.id,
                "team": team.id,
                "users": [u.id for u in users],
                "pool": pool.id,
                "leads": leads.ids,
                "partners": [company.id, *contacts.ids],
            }
            self.names = [u.name for u in users]
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["crm.lead"].browse(self.ids["leads"]).unlink()
            env["crossborder.rotation.run"].search([("pool_id", "=", self.ids["pool"])]).unlink()
            env["crossborder.lead.pool"].browse(self.ids["pool"]).unlink()
            env["crm.team"].browse(self.ids["team"]).unlink()
            env["crossborder.sales.tier"].browse(self.ids["tier"]).unlink()
            env["res.partner"].browse(self.ids["partners"][::-1]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()

    def _owners(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["crm.lead"].browse(self.ids["leads"]).mapped(lambda lead: lead.user_id.id)

    def _lockable(self):
        """The customer's leads another connection could lock right now."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM crm_lead WHERE id = ANY(%s) FOR NO KEY UPDATE SKIP LOCKED",
                [self.ids["leads"]],
            )
            return [row[0] for row in cr.fetchall()]

    def _waiting_on(self, pid, seconds=10.0):
        """Wait until some connection waits for a lock ``pid`` holds (pg_locks)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted "
                    "AND %s = ANY(pg_blocking_pids(pid))",
                    [pid],
                )
                if cr.fetchone()[0]:
                    return True
            time.sleep(0.2)
        return False

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_second_claim_of_the_customer_waits_and_is_told_who_won(self):
        alice, bob = self.ids["users"]
        first, _second, third = self.ids["leads"]
        outcome = {}
        first_cr = self.registry.cursor()
        try:
            env = api.Environment(first_cr, alice, {})
            env["crm.lead"].browse(first).action_claim()
            env.flush_all()
            first_cr.execute("SELECT pg_backend_pid()")
            pid = first_cr.fetchone()[0]
            self.assertEqual(self._lockable(), [], "all three leads of the customer are locked")

            def second():
                with self.registry.cursor() as cr:
                    env2 = api.Environment(cr, bob, {})
                    try:
                        retrying(lambda: env2["crm.lead"].browse(third).action_claim(), env2)
                        cr.commit()  # pylint: disable=invalid-commit  # a real transaction
                        outcome["claimed"] = True
                    except UserError as exc:
                        outcome["error"] = str(exc)

            thread = threading.Thread(target=second)
            self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))
            thread.start()
            outcome["blocked"] = self._waiting_on(pid)
            first_cr.commit()  # pylint: disable=invalid-commit  # a real, separate transaction
        finally:
            first_cr.close()
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertTrue(outcome["blocked"], "Bob's claim waited for Alice's (pg_locks)")
        self.assertNotIn("claimed", outcome)
        self.assertIn(f"was just claimed by {self.names[0]}", outcome["error"])
        self.assertEqual(self._owners(), [alice] * 3)

    def test_rotation_locks_every_lead_of_the_customer(self):
        cr = self.registry.cursor()
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch()
            self.assertEqual(run.assigned_count, 3, "one lead read, the customer's three moved")
            self.assertEqual(self._lockable(), [], "the rotation holds all three")
            owners = env["crm.lead"].browse(self.ids["leads"]).mapped("user_id")
            self.assertEqual(len(owners), 1)
        finally:
            cr.rollback()
            cr.close()

    def test_rotation_leaves_a_busy_customer_whole(self):
        holder = self.registry.cursor()
        try:
            holder.execute(
                "SELECT id FROM crm_lead WHERE id = %s FOR UPDATE", [self.ids["leads"][1]]
            )
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                run = env["crossborder.lead.pool"].browse(self.ids["pool"])._rotate_batch()
                self.assertEqual((run.assigned_count, run.busy_count), (0, 1))
                self.assertFalse(env["crm.lead"].browse(self.ids["leads"]).user_id)
                cr.rollback()
        finally:
            holder.rollback()
            holder.close()
