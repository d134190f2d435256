# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Proving that one transaction waited for another, for the suite's addons:
through PostgreSQL's lock table, never by sleeping and never with a
``lock_timeout`` (both go by the clock, and a test run under a faked clock a
year ahead must behave the same)."""

import threading
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

# how long a race may take on a loaded machine before the test gives up
RACE_TIMEOUT = 60.0


def backend_pid(cr):
    cr.execute("SELECT pg_backend_pid()")
    return cr.fetchone()[0]


def blocked_on(cr, holder_pid, still_running, timeout=RACE_TIMEOUT):
    """What a connection waits for that the backend ``holder_pid`` holds, as
    soon as one does: the kind of lock as pg_stat_activity names it
    (``'advisory'``, ``'transactionid'``, ``'tuple'``, ``'relation'``...);
    None when ``still_running()`` turns false first (the other side went
    through without waiting) or after ``timeout`` seconds. ``cr`` is a
    connection that only looks. Any connection counts, not only the other
    side's own."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cr.execute(
            """SELECT min(wait_event) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                  AND %s = ANY(pg_blocking_pids(pid))""",
            [holder_pid],
        )
        waiting = cr.fetchone()[0]
        cr.rollback()  # pg_stat_activity is a snapshot per transaction: take a fresh one
        if waiting:
            return waiting
        if not still_running():
            return None
        time.sleep(0.01)  # a poll interval, not a guess at how long blocking takes
    return None


def wait_until_blocked(cr, holder_pid, still_running, timeout=RACE_TIMEOUT):
    """True as soon as a connection waits for a lock that the backend
    ``holder_pid`` holds (see ``blocked_on``); False when ``still_running()``
    turns false first or after ``timeout`` seconds."""
    return blocked_on(cr, holder_pid, still_running, timeout) is not None


@mute_logger("odoo.sql_db", "odoo.service.model")  # the expected serialization failures
def race(registry, first_call, second_call, uid=SUPERUSER_ID, second_uid=None):
    """``first_call(env)`` runs and keeps its transaction open while
    ``second_call(env)`` starts on another connection as a request would (retried
    on serialization failures), as ``uid`` (the second as ``second_uid`` if given);
    the first commits once the second
    waits for it or is through. Returns {"blocked": the lock the second waited for
    (see ``blocked_on``) or None, "error": the exception the second ended with, or
    None}. The test patches the registry's lock first (see ``RaceCase``)."""
    outcome = {"error": None}

    def second():
        with registry.cursor() as cr:
            env = api.Environment(cr, second_uid or uid, {})
            try:
                retrying(lambda: second_call(env), env)
                cr.commit()  # pylint: disable=invalid-commit  # a separate transaction
            except Exception as error:  # noqa: BLE001  # told to the test
                cr.rollback()
                outcome["error"] = error

    thread = threading.Thread(target=second)
    first_cr = registry.cursor()
    try:
        first_call(api.Environment(first_cr, uid, {}))
        first_cr.flush()
        thread.start()
        with registry.cursor() as observer:
            outcome["blocked"] = blocked_on(observer, backend_pid(first_cr), thread.is_alive)
        first_cr.commit()  # pylint: disable=invalid-commit  # a separate transaction
    finally:
        first_cr.close()
    thread.join(RACE_TIMEOUT)
    if thread.is_alive():
        raise AssertionError("the second call is still blocked")
    return outcome


class RaceCase(TransactionCase):
    """Two requests raced for real on two database connections (``_race``): the
    fixtures are committed (each side has its own connection) and deleted by the
    test."""

    def setUp(self):
        super().setUp()
        # the test runner holds the registry lock; the second "request" must not wait for it
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))

    def _race(self, first_call, second_call, uid=SUPERUSER_ID):
        return race(self.registry, first_call, second_call, uid)

    def _committed_env(self):
        """A new connection on what both sides committed (the caller closes it)."""
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {"active_test": False})


class TrialRaceCase(RaceCase):
    """Races on a trial with one expected result: its fixtures (``_trial_fixtures``
    returns their ids: "trial", "employee", "users") are deleted after the test;
    ``_race`` tells what the two calls left: "state" = (the trial's state, its
    result's rating, whether the result was measured)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            self.ids = self._trial_fixtures(api.Environment(cr, SUPERUSER_ID, {}))
        self.addCleanup(self._delete_fixtures)

    def _trial_fixtures(self, env):
        raise NotImplementedError

    def _delete_fixtures(self):
        with self.registry.cursor() as cr:
            # a decided trial is kept by the model: the fixture goes by SQL
            cr.execute("DELETE FROM crossborder_trial WHERE id = %s", [self.ids["trial"]])
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["hr.employee"].browse(self.ids["employee"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()

    def _race(self, first_call, second_call, uid=SUPERUSER_ID):
        outcome = super()._race(first_call, second_call, uid)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT t.state, r.rating, r.actual_date IS NOT NULL FROM crossborder_trial t "
                "JOIN crossborder_trial_result r ON r.trial_id = t.id WHERE t.id = %s",
                [self.ids["trial"]],
            )
            outcome["state"] = cr.fetchone()
        return outcome
