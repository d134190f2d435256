#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Buyer-message response clocks at scale: what a clock costs a message, and the
late-response report over a million clocks.

Posts a note, a buyer e-mail and an agent reply on each of N Amazon tickets
(ms per post: the note is the baseline without a clock), then inserts a million
clocks with SQL and measures the late-response pivot (channel x week, channel x
month) as the web client asks it, and one batch of the late-marking scheduled
action; rolls everything back. Exits 1 when the pivot takes more than 1 s.
"""

import sys
import time

from common import exit_status, parse, rolled_back, timings

TARGET_PIVOT = 1.0


def post_messages(env, count):
    agent = env["res.users"].create(
        {
            "name": "Bench agent",
            "login": "bench-agent-buyer-messages",
            "group_ids": [(4, env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
        }
    )
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench marketplace team", "use_sla": True, "user_ids": [(6, 0, agent.ids)]}
    )
    buyer = env["res.partner"].create({"name": "Bench buyer", "email": "bench@buyer.example.com"})
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"bench marketplace {i}",
                "description": "<p>bench</p>",
                "team_id": team.id,
                "channel_id": env.ref("crossborder_ops_helpdesk.channel_amazon").id,
                "partner_id": buyer.id,
                "user_id": agent.id,
            }
            for i in range(count)
        ]
    )
    posts = {
        "internal note (baseline)": dict(
            author_id=agent.partner_id.id, message_type="comment", subtype_xmlid="mail.mt_note"
        ),
        "buyer e-mail (starts a clock)": dict(
            author_id=buyer.id, message_type="email", subtype_xmlid="mail.mt_comment"
        ),
        "agent reply (answers it)": dict(
            author_id=agent.partner_id.id, message_type="comment", subtype_xmlid="mail.mt_comment"
        ),
    }
    for label, values in posts.items():
        env.flush_all()
        start = time.perf_counter()
        for ticket in tickets:
            ticket.message_post(body="bench", **values)
        env.flush_all()
        seconds = time.perf_counter() - start
        print(f"{label}: {1000 * seconds / count:.1f} ms per post ({count} posts)", flush=True)
    met = env["crossborder.buyer.message"].search_count(
        [("ticket_id", "in", tickets.ids), ("state", "=", "met")]
    )
    print(f"clocks met by the replies: {met} of {count}", flush=True)
    return tickets


def insert_clocks(env, tickets, count):
    # one clock per generated row; the unique (ticket, message) pair is dropped in
    # this rolled-back transaction so that one message can carry many clocks
    env.cr.execute(
        "SELECT conname FROM pg_constraint "
        "WHERE conrelid = 'crossborder_buyer_message'::regclass AND contype = 'u'"
    )
    for (name,) in env.cr.fetchall():
        env.cr.execute(f'ALTER TABLE crossborder_buyer_message DROP CONSTRAINT "{name}"')
    channels = [
        env.ref(f"crossborder_ops_helpdesk.channel_{key}").id
        for key in ("amazon", "ebay", "aliexpress", "shopify")
    ]
    env.cr.execute(
        """
        INSERT INTO crossborder_buyer_message
               (ticket_id, message_id, company_id, channel_id, received_date, deadline,
                state, answered_date, hours_to_answer, create_uid, write_uid,
                create_date, write_date)
        SELECT (%(tickets)s::int[])[1 + g %% cardinality(%(tickets)s::int[])],
               %(message)s, %(company)s,
               (%(channels)s::int[])[1 + g %% cardinality(%(channels)s::int[])],
               d.ts, d.ts + interval '24 hours',
               (ARRAY['met','met','met','met','late','no_response','waiting'])[1 + g %% 7],
               CASE WHEN g %% 7 < 5 THEN d.ts + (g %% 30) * interval '1 hour' END,
               (g %% 30)::float, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, %(count)s) g
         CROSS JOIN LATERAL (
               SELECT (now() at time zone 'UTC') - (g %% 365) * interval '1 day'
                      - (g %% 24) * interval '1 hour' AS ts) d
        """,
        {
            "tickets": tickets.ids,
            "message": tickets[:1].message_ids[:1].id,
            "company": env.company.id,
            "channels": channels,
            "count": count,
        },
    )
    env.cr.execute("ANALYZE crossborder_buyer_message")


def main():
    args = parse(
        __doc__.splitlines()[0],
        [
            (("--tickets",), {"type": int, "default": 300}),
            (("--clocks",), {"type": int, "default": 1_000_000}),
        ],
    )
    failures = []
    with rolled_back(args.database, {"tracking_disable": True}) as env:
        tickets = post_messages(env, args.tickets)
        start = time.perf_counter()
        insert_clocks(env, tickets, args.clocks)
        print(
            f"inserted {args.clocks} clocks in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        Report = env["crossborder.response.report"]
        for groupby in (
            ["channel_id", "received_day:week"],
            ["channel_id", "received_day:month"],
            ["channel_id", "received_date:week"],
        ):
            seconds, groups = timings(
                lambda groupby=groupby: Report.formatted_read_group(
                    [], groupby, ["late_rate:avg", "late_count:sum", "counted_count:sum"]
                )
            )
            print(
                f"late-response pivot {' x '.join(groupby)} over {args.clocks} clocks: "
                f"{len(groups)} groups, {min(seconds):.3f} s (best of 3; first "
                f"{seconds[0]:.3f} s)",
                flush=True,
            )
            if min(seconds) > TARGET_PIVOT and "received_day" in groupby[1]:
                failures.append(f"pivot {groupby} took {min(seconds):.2f} s > {TARGET_PIVOT} s")
        start = time.perf_counter()
        done, remaining = env["crossborder.buyer.message"]._mark_late_batch(500)
        print(
            f"late-marking batch: {done} clocks in {time.perf_counter() - start:.2f} s, "
            f"{remaining} left for the next runs",
            flush=True,
        )
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
