# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Proving that one transaction waited for another, for the suite's addons:
through PostgreSQL's lock table, never by sleeping and never with a
``lock_timeout`` (both go by the clock, and a test run under a faked clock a
year ahead must behave the same)."""

import time

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
