#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where one 20,000-lead rotation spends its time, statement by statement.

Prints, per run, the wall time and the CPU time of the Odoo process and of its
PostgreSQL backend (read from /proc, so the figures hold on a machine other
work keeps busy, where wall times do not), then the slowest statements. With
``--explain`` the writing statements run under EXPLAIN (ANALYZE, BUFFERS): the
plan, the buffers and one line per foreign-key trigger with its calls. Same data
and clean-up as bench_rotation.py; needs PostgreSQL on this machine.
"""

import os
import sys
import time

from bench_rotation import settle
from common import cleanup, environment, insert_leads, parse, salespeople

from odoo import sql_db
from odoo.tools import SQL

TICK = os.sysconf("SC_CLK_TCK")
WRITES = (
    "crm_lead l SET",
    "INTO mail_message",
    "INTO mail_activity",
    "INTO mail_followers",
    "INTO crossborder_pool_event",
)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def main():
    args = parse(
        __doc__.splitlines()[0],
        [
            (("--repeats",), {"type": int, "default": 3}),
            (("--explain",), {"action": "store_true"}),
        ],
    )
    with environment(args.database) as env:
        try:
            team, _users, _tier = salespeople(env, 50, "profile")
            insert_leads(env, team, 20000)
            pool = env["crossborder.lead.pool"].create(
                {
                    "name": "Bench profile",
                    "team_id": team.id,
                    "rotation_batch_size": 20000,
                    "holdback_percent": 0.0,
                }
            )
            for repeat in range(args.repeats):
                settle(env)
                env.cr.execute("SELECT pg_backend_pid()")
                backend = env.cr.fetchone()[0]
                stats = []
                execute = sql_db.Cursor.execute

                def timed(
                    cursor,
                    query,
                    params=None,
                    log_exceptions=True,
                    stats=stats,
                    execute=execute,
                    backend=backend,
                ):
                    text = str(getattr(query, "code", query))
                    wall, cpu = time.perf_counter(), cpu_seconds(backend)
                    if args.explain and any(w in text for w in WRITES):
                        execute(
                            cursor,
                            SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query),
                            params,
                            log_exceptions,
                        )
                        print("\n".join(row[0] for row in cursor.fetchall()))
                        result = None
                    else:
                        result = execute(cursor, query, params, log_exceptions)
                    stats.append(
                        (
                            time.perf_counter() - wall,
                            cpu_seconds(backend) - cpu,
                            " ".join(text.split())[:90],
                        )
                    )
                    return result

                sql_db.Cursor.execute = timed
                wall, python, pg = time.perf_counter(), time.process_time(), cpu_seconds(backend)
                try:
                    run = pool._rotate_batch()
                finally:
                    sql_db.Cursor.execute = execute
                wall, python, pg = (
                    time.perf_counter() - wall,
                    time.process_time() - python,
                    cpu_seconds(backend) - pg,
                )
                print(
                    f"run {repeat}: {run.assigned_count} leads, wall {wall:.2f} s, CPU: Odoo "
                    f"{python:.2f} s, PostgreSQL {pg:.2f} s; {len(stats)} statements"
                )
                for seconds, cpu, text in sorted(stats, reverse=True)[:6]:
                    print(f"    wall {seconds:6.3f}  PostgreSQL CPU {cpu:5.2f}  {text}")
                env.cr.rollback()
                env.invalidate_all()
        finally:
            cleanup(env)


if __name__ == "__main__":
    sys.exit(main())
