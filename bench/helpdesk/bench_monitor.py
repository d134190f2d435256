#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer-service monitor at scale: a million tickets, the report pivot and
the weekly digest of every department.

Inserts the tickets with SQL (the subject is reading them), measures the pivot
grouped by link x department x month as the web client asks it, then the
feedback cron for every department, then rolls everything back. Exits 1 when
a target of issue 4 is missed (pivot <= 1 s, digest <= 60 s).
"""

import sys
import time

from common import exit_status, parse, rolled_back, timings

TARGET_PIVOT = 1.0
TARGET_DIGEST = 60.0


def insert_tickets(env, count):
    causes = env["crossborder.root.cause"].search([("department_id", "!=", False)])
    rows = [(c.id, c.link, c.department_id.id) for c in causes]
    team = env["helpdesk.ticket.team"].search([], limit=1)
    stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
    countries = env["res.country"].search([], limit=40).ids
    products = env["product.product"].search([], limit=50).ids or [None]
    env.cr.execute(
        """
        INSERT INTO helpdesk_ticket
               (name, description, number, company_id, team_id, stage_id, active,
                create_date, write_date, create_uid, write_uid, cs_stage, inquiry_type,
                root_cause_id, root_cause_link, responsible_department_id, buyer_country_id,
                product_id, first_response_hours, resolution_hours, reopen_count,
                classified_date)
        SELECT 'bench ticket ' || g, '<p>bench</p>', 'BENCH' || g, %(company)s, %(team)s, %(stage)s,
               true,
               (now() at time zone 'UTC') - (g %% 365) * interval '1 day'
                   - (g %% 24) * interval '1 hour',
               now() at time zone 'UTC', 1, 1,
               (ARRAY['pre_sales','in_sales','after_sales'])[1 + g %% 3],
               (ARRAY['product','service'])[1 + g %% 2],
               (%(cause_ids)s::int[])[1 + g %% %(n)s],
               (%(links)s::varchar[])[1 + g %% %(n)s],
               (%(departments)s::int[])[1 + g %% %(n)s],
               (%(countries)s::int[])[1 + g %% cardinality(%(countries)s::int[])],
               (%(products)s::int[])[1 + g %% cardinality(%(products)s::int[])],
               (g %% 48)::float, (g %% 240)::float, (g %% 17 = 0)::int,
               -- classified up to 9 days after creation: some in a later week
               (now() at time zone 'UTC') - (g %% 365) * interval '1 day'
                   - (g %% 24) * interval '1 hour' + (g %% 10) * interval '1 day'
          FROM generate_series(1, %(count)s) g
        """,
        {
            "company": env.company.id,
            "team": team.id,
            "stage": stage.id,
            "cause_ids": [r[0] for r in rows],
            "links": [r[1] for r in rows],
            "departments": [r[2] for r in rows],
            "n": len(rows),
            "countries": countries,
            "products": products,
            "count": count,
        },
    )
    env.cr.execute("ANALYZE helpdesk_ticket")


def main():
    args = parse(
        __doc__.splitlines()[0],
        [(("--tickets",), {"type": int, "default": 1_000_000})],
    )
    failures = []
    with rolled_back(args.database) as env:
        start = time.perf_counter()
        insert_tickets(env, args.tickets)
        print(
            f"inserted {args.tickets} tickets in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        Report = env["crossborder.ticket.report"]
        groupby = ["link", "department_id", "month:month"]
        seconds, groups = timings(
            lambda: Report.formatted_read_group(
                [("link", "!=", False)], groupby, ["__count", "ticket_count:sum"]
            )
        )
        print(
            f"pivot link x department x month over {args.tickets} tickets: "
            f"{len(groups)} groups, {min(seconds):.3f} s (best of 3; first {seconds[0]:.3f} s)",
            flush=True,
        )
        start = time.perf_counter()
        Report.formatted_read_group(
            [("link", "!=", False)],
            ["link", "department_id", "create_date:month"],
            ["__count", "ticket_count:sum"],
        )
        print(
            f"same pivot by create_date:month (no month column): "
            f"{time.perf_counter() - start:.3f} s",
            flush=True,
        )
        if min(seconds) > TARGET_PIVOT:
            failures.append(f"pivot took {min(seconds):.2f} s > {TARGET_PIVOT} s")
        Feedback = env["crossborder.feedback"]
        start = time.perf_counter()
        feedbacks = Feedback.browse()
        while True:
            before = Feedback.search([])
            done, remaining = Feedback._generate_batch(batch_size=50)
            feedbacks |= Feedback.search([]) - before
            if not done or not remaining:
                break
        seconds = time.perf_counter() - start
        print(
            f"weekly digest: {len(feedbacks)} feedbacks (departments + management), "
            f"{sum(feedbacks.filtered('department_id').mapped('ticket_count'))} problems "
            f"summarised, {seconds:.1f} s",
            flush=True,
        )
        if seconds > TARGET_DIGEST:
            failures.append(f"digest took {seconds:.1f} s > {TARGET_DIGEST} s")
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
