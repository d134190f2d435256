#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two Odoo servers on one database: recycling, rotation and claims at once.

Companies scale Odoo out with several servers behind a load balancer, each with
its own workers and scheduled actions. This starts two servers (two processes
that share nothing but PostgreSQL) and, for ``--seconds``, has a pool manager
press *Recycle now* and *Rotate now* on the same pool through both servers in a
loop while salespeople claim through both. Then it checks in SQL:

* no lead moved twice: no lead handed to someone (claim, rotation) twice in a
  row without going back to the pool in between;
* every lead is where its last audit event put it;
* no salesperson above the private cap;
* no run counted twice: each rotation run's figures equal the events it wrote.

Exits 1 on a breach. Needs a throw-away database with the addons (see README.md).
"""

import os
import subprocess
import sys
import threading
import time

import requests
from common import cleanup, environment, insert_leads, parse, salespeople

import odoo

PRIVATE_CAP = 30
TO_USER = ("claim", "rotation", "escalate", "handover")
TO_POOL = ("release", "recycle", "over_cap")


def prepare(env, claimers, veterans, waiting, idle):
    team, users, tier = salespeople(env, claimers + veterans, "two")
    tier.write(
        {
            "private_cap": PRIVATE_CAP,
            "claim_cap": 10**4,
            "receives_rotation": True,
            "is_new_tier": True,
        }
    )
    vet_tier = env["crossborder.sales.tier"].create(
        {"name": "Two servers veterans", "private_cap": 10**5, "claim_cap": 1}
    )
    vets, takers = users[:veterans], users[veterans:]
    env["crm.team.member"].search(
        [("crm_team_id", "=", team.id), ("user_id", "in", vets.ids)]
    ).tier_override_id = vet_tier
    manager = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Two servers manager",
                "login": f"two_servers_mgr_{int(time.time())}",
                "group_ids": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_user").id,
                            env.ref("sales_team.group_sale_manager").id,
                        ],
                    )
                ],
            }
        )
    )
    for user in takers | manager:
        user.password = user.login
    # leads first: a new pool takes the team's matching leads in
    lead_ids = insert_leads(env, team, waiting) + insert_leads(
        env, team, idle, user_ids=vets.ids, idle_days=40
    )
    pool = env["crossborder.lead.pool"].create(
        {
            "name": "Two servers pool",
            "team_id": team.id,
            "mask_contact": False,
            "followup_days": 14,
            "conversion_days": 60,
            "warn_days": 0,
            "cooldown_days": 0,
            "reserve_days": 0,
            "rotation_batch_size": 40,
        }
    )
    env.cr.commit()
    return team, takers, manager, pool, lead_ids, vet_tier, tier


def call(session, url, model, method, args):
    reply = session.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "params": {"model": model, "method": method, "args": args, "kwargs": {}},
        },
        timeout=120,
    ).json()
    return reply.get("error", {}).get("data", {}).get("message")


def login(url, db, user):
    session = requests.Session()
    session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": user}},
        timeout=60,
    ).raise_for_status()
    return session


def manager_loop(url, db, login_name, pool_id, deadline, stats, lock):
    session = login(url, db, login_name)
    while time.monotonic() < deadline:
        for method in ("action_recycle_now", "action_rotate_now"):
            error = call(session, url, "crossborder.lead.pool", method, [[pool_id]])
            with lock:
                stats[method] = stats.get(method, 0) + 1
                if error:
                    stats.setdefault("manager_errors", {}).setdefault(error[:70], 0)
                    stats["manager_errors"][error[:70]] += 1


def claimer_loop(url, db, login_name, lead_ids, deadline, stats, lock, offset):
    session = login(url, db, login_name)
    index = offset
    while time.monotonic() < deadline:
        index = (index + 7) % len(lead_ids)
        error = call(session, url, "crm.lead", "action_claim", [[lead_ids[index]]])
        with lock:
            stats["claims"] = stats.get("claims", 0) + 1
            stats["granted"] = stats.get("granted", 0) + (not error)


def start_server(config, db, port):
    odoo_bin = os.path.join(os.path.dirname(list(odoo.__path__)[-1]), "odoo-bin")
    return subprocess.Popen(
        [sys.executable, odoo_bin, "-c", config, "-d", db, f"--db-filter=^{db}$",
         "--workers", "0", "--max-cron-threads", "0", "--http-port", str(port),
         "--log-level=error"],
    )  # fmt: skip


def check(env, tier, pool, lead_ids):
    env.cr.execute(
        """
        SELECT count(*) FROM (
            SELECT kind, lag(kind) OVER (PARTITION BY lead_id ORDER BY date, id) AS previous
              FROM crossborder_pool_event
             WHERE lead_id = ANY(%(leads)s) AND kind = ANY(%(moves)s)
        ) e
         WHERE e.kind = ANY(%(to_user)s) AND e.previous = ANY(%(to_user)s)
        """,
        {"leads": lead_ids, "moves": list(TO_USER + TO_POOL), "to_user": list(TO_USER)},
    )
    moved_twice = env.cr.fetchone()[0]
    env.cr.execute(
        """
        SELECT count(*) FROM crm_lead l
          JOIN LATERAL (
               SELECT kind, to_user_id FROM crossborder_pool_event e
                WHERE e.lead_id = l.id AND e.kind = ANY(%(moves)s)
             ORDER BY date DESC, id DESC LIMIT 1) last ON true
         WHERE l.id = ANY(%(leads)s)
           AND l.user_id IS DISTINCT FROM
               CASE WHEN last.kind = ANY(%(to_user)s) THEN last.to_user_id END
        """,
        {"leads": lead_ids, "moves": list(TO_USER + TO_POOL), "to_user": list(TO_USER)},
    )
    misplaced = env.cr.fetchone()[0]
    env.cr.execute(
        """
        SELECT l.user_id, count(*) FROM crm_lead l
          JOIN crm_team_member m ON m.user_id = l.user_id AND m.crm_team_id = l.team_id
         WHERE l.id = ANY(%s) AND l.won_status = 'pending' AND m.tier_override_id = %s
      GROUP BY l.user_id HAVING count(*) > %s
        """,
        [lead_ids, tier.id, PRIVATE_CAP],
    )
    breaches = env.cr.fetchall()
    env.cr.execute(
        """
        SELECT count(*) FROM crossborder_rotation_run r
         WHERE r.pool_id = %s
           AND (r.assigned_count <> (SELECT count(*) FROM crossborder_pool_event e
                                      WHERE e.run_id = r.id AND e.kind = 'rotation')
             OR coalesce(r.held_back_count, 0) <> (SELECT count(*) FROM crossborder_pool_event e
                                      WHERE e.run_id = r.id AND e.kind = 'hold_back'))
        """,
        [pool.id],
    )
    runs_off = env.cr.fetchone()[0]
    env.cr.execute(
        "SELECT kind, count(*) FROM crossborder_pool_event WHERE lead_id = ANY(%s) "
        "GROUP BY kind ORDER BY kind",
        [lead_ids],
    )
    events = dict(env.cr.fetchall())
    env.cr.execute("SELECT count(*) FROM crossborder_rotation_run WHERE pool_id = %s", [pool.id])
    runs = env.cr.fetchone()[0]
    return moved_twice, misplaced, breaches, runs_off, events, runs


def main():
    args = parse(
        __doc__.splitlines()[0],
        [
            (("--claimers",), {"type": int, "default": 12}),
            (("--veterans",), {"type": int, "default": 4}),
            (("--waiting",), {"type": int, "default": 300}),
            (("--idle",), {"type": int, "default": 300}),
            (("--seconds",), {"type": int, "default": 30}),
            (("--port",), {"type": int, "default": 8469}),
        ],
    )
    urls = [f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"]
    with environment(args.database) as env:
        _team, takers, manager, pool, lead_ids, vet_tier, tier = prepare(
            env, args.claimers, args.veterans, args.waiting, args.idle
        )
        servers = [start_server(args.config, args.database, args.port + i) for i in (0, 1)]
        try:
            for url in urls:
                for _ in range(240):
                    try:
                        if requests.get(f"{url}/web/login", timeout=2).status_code == 200:
                            break
                    except requests.RequestException:
                        time.sleep(0.5)
            stats, lock = {}, threading.Lock()
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=manager_loop,
                    args=(url, args.database, manager.login, pool.id, deadline, stats, lock),
                )
                for url in urls
            ] + [
                threading.Thread(
                    target=claimer_loop,
                    args=(
                        urls[i % 2],
                        args.database,
                        user.login,
                        lead_ids,
                        deadline,
                        stats,
                        lock,
                        i * 13,
                    ),
                )
                for i, user in enumerate(takers)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(60)
        env.cr.rollback()
        moved_twice, misplaced, breaches, runs_off, events, runs = check(env, tier, pool, lead_ids)
        manager.active = False
        env.cr.commit()
        cleanup(env)
        env.cr.execute("DELETE FROM crossborder_sales_tier WHERE id = %s", [vet_tier.id])
        env.cr.commit()
    print(
        f"2 servers, {args.seconds} s: {stats.get('action_recycle_now', 0)} recycle and "
        f"{stats.get('action_rotate_now', 0)} rotate calls, {runs} rotation runs; "
        f"{stats.get('claims', 0)} claims tried, {stats.get('granted', 0)} granted"
    )
    print(f"events on the {len(lead_ids)} leads: {events}")
    if stats.get("manager_errors"):
        print(f"manager calls refused: {stats['manager_errors']}")
    print(
        f"leads moved twice: {moved_twice}, misplaced: {misplaced}, "
        f"cap breaches: {len(breaches)}, runs counted wrong: {runs_off}"
    )
    return 1 if moved_twice or misplaced or breaches or runs_off else 0


if __name__ == "__main__":
    sys.exit(main())
