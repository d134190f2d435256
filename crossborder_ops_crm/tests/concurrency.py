# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Races for real, on separate database connections: the one place that opens
them, commits the fixtures a race needs, runs the two sides and proves that one
waited for the other through PostgreSQL's lock table, never by sleeping.

A class built on ``PoolRaceCase`` sets ``race_tier``, ``race_salespeople``,
``race_pool`` and makes its leads in ``_race_leads``; the team, its members, the
pool and the leads are committed before each test (a race needs two
transactions that both see them) and deleted after it."""

import threading
import uuid
from contextlib import contextmanager
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import SQL, mute_logger

# any connection that waits counts, not only the other side's own: a claim that
# meets another one waits for it on a connection of its own, to read the winner
# (crm.lead._pool_committed_owner)
from odoo.addons.crossborder_ops.tests.concurrency import (
    RACE_TIMEOUT,
    backend_pid,
    wait_until_blocked,
)

from .common import SALESMAN


class PoolRaceCase(TransactionCase):
    race_tier = {"private_cap": 1, "claim_cap": 10}
    race_salespeople = ("Alice", "Bob")
    race_pool = {"holdback_percent": 0.0}

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self._separate_env() as env:
            tier = env["crossborder.sales.tier"].create({"name": f"Race {tag}", **self.race_tier})
            team = env["crm.team"].create({"name": f"Race team {tag}", "member_ids": False})
            users = [
                new_test_user(
                    env, login=f"race_{name}_{tag}", name=f"{name} {tag}", groups=SALESMAN
                )
                for name in self.race_salespeople
            ]
            env["crm.team.member"].create(
                [
                    {"crm_team_id": team.id, "user_id": u.id, "tier_override_id": tier.id}
                    for u in users
                ]
            )
            pool = env["crossborder.lead.pool"].create(
                {"name": f"Race pool {tag}", "team_id": team.id, **self.race_pool}
            )
            leads, partners = self._race_leads(env, team, tag)
            self.ids = {
                "tier": tier.id,
                "team": team.id,
                "users": [u.id for u in users],
                "pool": pool.id,
                "leads": leads.ids,
                "partners": partners.ids,
            }
            self.names = [u.name for u in users]
        self.addCleanup(self._delete_race_fixtures)

    def _race_leads(self, env, team, tag):
        """The leads of the race (and the partners to delete after them)."""
        raise NotImplementedError

    def _delete_race_fixtures(self):
        with self._separate_env(active_test=False) as env:
            # the audit outlives its leads and is deleted by nobody (it keeps the pool
            # from being deleted): the test's own committed lines go by SQL
            env.cr.execute(
                SQL(
                    "DELETE FROM crossborder_pool_event WHERE lead_id = ANY(%s) OR pool_id = %s",
                    self.ids["leads"],
                    self.ids["pool"],
                )
            )
            env["crm.lead"].browse(self.ids["leads"]).unlink()
            env["crossborder.rotation.run"].search([("pool_id", "=", self.ids["pool"])]).unlink()
            env["crossborder.lead.pool"].browse(self.ids["pool"]).unlink()
            env["crm.team"].browse(self.ids["team"]).unlink()
            env["crossborder.sales.tier"].browse(self.ids["tier"]).unlink()
            # companies last: their contacts go first
            env["res.partner"].browse(self.ids["partners"]).sorted("is_company").unlink()
            env["res.users"].browse(self.ids["users"]).unlink()

    @contextmanager
    def _separate_env(self, **context):
        """An environment on a connection of its own, committed at the end."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, context)

    @contextmanager
    def _held(self, lead_ids):
        """Another transaction holds the leads ``lead_ids`` (as Odoo's lead
        enrichment does while it waits for its server) until the block ends."""
        holder = self.registry.cursor()
        try:
            holder.execute("SELECT id FROM crm_lead WHERE id = ANY(%s) FOR UPDATE", [lead_ids])
            yield
        finally:
            holder.rollback()
            holder.close()

    def _lockable(self, lead_ids):
        """Those of ``lead_ids`` another connection could lock right now."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM crm_lead WHERE id = ANY(%s) FOR NO KEY UPDATE SKIP LOCKED",
                [lead_ids],
            )
            return sorted(row[0] for row in cr.fetchall())

    def _owners(self):
        with self._separate_env() as env:
            return env["crm.lead"].browse(self.ids["leads"]).mapped(lambda lead: lead.user_id.id)

    @mute_logger("odoo.sql_db", "odoo.service.model")  # the expected serialization failure
    def _race(self, first_user, first_call, second_user, second_call, while_first_holds=None):
        """``first_call(env)`` runs and keeps its transaction open while
        ``second_call(env)`` starts on another connection, like an RPC call
        (retried on serialization failures); ``while_first_holds()`` runs in
        between. The first commits once the second waits for one of its locks
        (``blocked``), or once the second is through without waiting.
        Returns {blocked, attempts, result | error, claimed}."""
        outcome = {"attempts": 0}

        def attempt(env):
            outcome["attempts"] += 1
            return second_call(env)

        def second():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, second_user, {})
                try:
                    outcome["result"] = retrying(lambda: attempt(env), env)
                    cr.commit()  # pylint: disable=invalid-commit  # a real, separate transaction
                    outcome["claimed"] = True
                except UserError as exc:
                    # as a request refused: what the call wrote before the refusal goes
                    cr.rollback()
                    outcome["error"] = str(exc)

        # the test runner holds the registry lock for the whole run; the
        # second "request" must not wait for it (as HttpCase does)
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))
        thread = threading.Thread(target=second)
        first_cr = self.registry.cursor()
        try:
            env = api.Environment(first_cr, first_user, {})
            first_call(env)
            env.flush_all()
            if while_first_holds:
                while_first_holds()
            thread.start()
            with self.registry.cursor() as observer:
                outcome["blocked"] = wait_until_blocked(
                    observer, backend_pid(first_cr), thread.is_alive
                )
            first_cr.commit()  # pylint: disable=invalid-commit  # a real, separate transaction
        finally:
            first_cr.close()
        thread.join(RACE_TIMEOUT)
        if thread.is_alive():
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT pid, wait_event_type, state, left(query, 200) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND state <> 'idle'"
                )
                self.fail(f"the second call is still blocked: {cr.fetchall()}")
        return outcome
