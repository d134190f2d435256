#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claim load: an Odoo server with several workers and many JSON-RPC clients
claiming from the same pool at once.

Prints claims per second and latencies, then checks the database: no lead
claimed twice, no salesperson above their private cap. Exits 1 on a breach.
"""

import os
import random
import statistics
import subprocess
import sys
import threading
import time

import requests
from common import cleanup, environment, parse, salespeople

import odoo
from odoo import sql_db

PRIVATE_CAP = 5
WARM_UP = 2  # a fresh server's first requests per user fill its caches in each worker


def prepare(env, clients, leads):
    team, users, tier = salespeople(env, clients, "load")
    tier.write({"private_cap": PRIVATE_CAP})
    for user in users:
        user.password = user.login
    env["crossborder.lead.pool"].create(
        {"name": "Load pool", "team_id": team.id, "mask_contact": False}
    )
    lead_ids = (
        env["crm.lead"]
        .create(
            [{"name": f"load lead {i}", "team_id": team.id, "user_id": False} for i in range(leads)]
        )
        .ids
    )
    env.cr.commit()
    return team, users, lead_ids


def client(url, db, login, lead_ids, deadline, stats, lock):
    session = requests.Session()
    session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
        timeout=30,
    ).raise_for_status()
    full = False
    sequence = 0
    while time.monotonic() < deadline and not full:
        lead = random.choice(lead_ids)
        start = time.perf_counter()
        reply = session.post(
            f"{url}/web/dataset/call_kw/crm.lead/action_claim",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "model": "crm.lead",
                    "method": "action_claim",
                    "args": [[lead]],
                    "kwargs": {},
                },
            },
            timeout=60,
        ).json()
        elapsed = time.perf_counter() - start
        ok = "error" not in reply
        full = not ok and "private cap" in reply["error"]["data"]["message"]
        with lock:
            stats["latencies"].append(elapsed)
            if sequence >= WARM_UP:
                stats["steady"].append(elapsed)
            sequence += 1
            stats["ok" if ok else "refused"] += 1
            if not ok:
                message = reply["error"]["data"]["message"]
                key = (
                    "cap"
                    if "private cap" in message
                    else "taken"
                    if "claimed by" in message or "not available" in message
                    else message[:60]
                )
                stats.setdefault("reasons", {}).setdefault(key, 0)
                stats["reasons"][key] += 1


def claim_cost(env, users, lead_ids, claims=5):
    """Queries and seconds of one claim, in this process, as a salesperson: the
    claim's own cost, apart from HTTP and the server's workers."""
    user = users[0]
    costs = []
    for lead_id in lead_ids[:claims]:
        lead = env["crm.lead"].with_user(user).browse(lead_id)
        env.invalidate_all()
        before, start = sql_db.sql_counter, time.perf_counter()
        lead.action_claim()
        env.flush_all()
        costs.append((sql_db.sql_counter - before, time.perf_counter() - start))
    env.cr.rollback()
    env.invalidate_all()
    queries = statistics.median(q for q, _s in costs)
    seconds = statistics.median(s for _q, s in costs)
    return queries, seconds


def percentile(ordered, fraction):
    return ordered[int(fraction * (len(ordered) - 1))] if ordered else 0


def main():
    args = parse(
        __doc__.splitlines()[0],
        [
            (("--clients",), {"type": int, "default": 32}),
            (("--workers",), {"type": int, "default": 4}),
            (("--leads",), {"type": int, "default": 400}),
            (("--seconds",), {"type": int, "default": 30}),
            (("--port",), {"type": int, "default": 8369}),
        ],
    )
    url = f"http://127.0.0.1:{args.port}"
    with environment(args.database) as env:
        team, users, lead_ids = prepare(env, args.clients, args.leads)
        claim_queries, claim_seconds = claim_cost(env, users, lead_ids)
        # odoo-bin, not "python -m odoo": the prefork server re-executes its
        # own script for the websocket worker
        odoo_bin = os.path.join(os.path.dirname(list(odoo.__path__)[-1]), "odoo-bin")
        server = subprocess.Popen(
            [sys.executable, odoo_bin, "-c", args.config, "-d", args.database,
             f"--db-filter=^{args.database}$", "--workers", str(args.workers),
             "--max-cron-threads", "0", "--http-port", str(args.port), "--log-level=error"],
        )  # fmt: skip
        try:
            for _ in range(120):
                try:
                    if requests.get(f"{url}/web/login", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.5)
            stats = {"latencies": [], "steady": [], "ok": 0, "refused": 0}
            lock = threading.Lock()
            deadline = time.monotonic() + args.seconds
            started = time.perf_counter()
            threads = [
                threading.Thread(
                    target=client,
                    args=(url, args.database, u.login, lead_ids, deadline, stats, lock),
                )
                for u in users
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(30)
        env.cr.rollback()
        env.cr.execute(
            "SELECT lead_id, count(*) FROM crossborder_pool_event WHERE kind = 'claim' "
            "AND lead_id = ANY(%s) GROUP BY lead_id HAVING count(*) > 1",
            [lead_ids],
        )
        double = env.cr.fetchall()
        env.cr.execute(
            "SELECT count(*) FROM crm_lead l JOIN crossborder_pool_event e ON e.lead_id = l.id "
            "AND e.kind = 'claim' WHERE l.id = ANY(%s) AND l.user_id IS DISTINCT FROM e.to_user_id",
            [lead_ids],
        )
        mismatched = env.cr.fetchone()[0]
        env.cr.execute(
            "SELECT user_id, count(*) FROM crm_lead WHERE id = ANY(%s) AND user_id IS NOT NULL "
            "GROUP BY user_id HAVING count(*) > %s",
            [lead_ids, PRIVATE_CAP],
        )
        breaches = env.cr.fetchall()
        cleanup(env)
    latencies = sorted(stats["latencies"])
    p95 = percentile(latencies, 0.95)
    steady = sorted(stats["steady"])
    print(
        f"{args.clients} clients, {args.workers} workers: "
        f"every salesperson at cap after {elapsed:.1f} s"
    )
    print(f"claims: {stats['ok']} granted, {stats['refused']} refused {stats.get('reasons', {})}")
    print(
        f"claims/s granted {stats['ok'] / elapsed:.1f}, requests/s {len(latencies) / elapsed:.1f}"
    )
    print(f"latency median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    if steady:
        print(
            f"after each client's first {WARM_UP} requests (cold caches of a fresh server): "
            f"median {statistics.median(steady) * 1000:.0f} ms, "
            f"p95 {percentile(steady, 0.95) * 1000:.0f} ms"
        )
    print(
        f"one claim's own cost (in process, median of 5): {claim_queries:.0f} queries, "
        f"{claim_seconds * 1000:.0f} ms"
    )
    print(f"double claims: {len(double) + mismatched}, cap breaches: {len(breaches)}")
    return 1 if double or mismatched or breaches else 0


if __name__ == "__main__":
    sys.exit(main())
