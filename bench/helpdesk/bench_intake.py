#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Marketplace intake at volume: 1,000 buyer e-mails through Odoo's mail gateway.

On a database with crossborder_ops_helpdesk_sale installed: creates a test alias
per channel and the orders the messages name, then feeds ``message_process`` a
mix written from the test fixtures (new Amazon, eBay, AliExpress and shop
messages, follow-ups without thread headers, follow-ups with them, auto-replies
and 'no response needed' messages), prints messages per second and SQL queries
per message, and rolls everything back.
"""

import re
import sys
import time
from pathlib import Path

from common import parse, rolled_back

from odoo import sql_db

FIXTURES = (
    Path(__file__).resolve().parents[2] / "crossborder_ops_helpdesk_sale" / "tests" / "fixtures"
)
DOMAIN = "cbo-bench.example.com"


def fixture(name):
    text = (FIXTURES / name).read_text()
    return text.replace("@cbo-intake.example.com", f"@{DOMAIN}")


def setup(env, count):
    ref = env.ref
    team = env["helpdesk.ticket.team"].create({"name": "Bench intake"})
    domain = env["mail.alias.domain"].create({"name": DOMAIN})
    channels = {
        "t-amazon": ref("crossborder_ops_helpdesk.channel_amazon"),
        "t-ebay": ref("crossborder_ops_helpdesk.channel_ebay"),
        "t-aliexpress": ref("crossborder_ops_helpdesk.channel_aliexpress"),
        "t-shop": ref("crossborder_ops_helpdesk.channel_shopify"),
    }
    env["mail.alias"].create(
        [
            {
                "alias_name": name,
                "alias_domain_id": domain.id,
                "alias_model_id": ref("helpdesk_mgmt.model_helpdesk_ticket").id,
                "alias_contact": "everyone",
                "alias_defaults": repr({"channel_id": channel.id, "team_id": team.id}),
            }
            for name, channel in channels.items()
        ]
    )
    buyer = env["res.partner"].create({"name": "Bench buyer", "country_id": ref("base.uk").id})
    # every other message names an order that exists
    env["sale.order"].create(
        [{"partner_id": buyer.id, "client_order_ref": amazon_ref(i)} for i in range(0, count, 2)]
    )
    return team


def amazon_ref(i):
    return f"204-{1000000 + i:07d}-{7000000 + i:07d}"


def messages(count):
    """(kind, raw e-mail) x count: 55 % new messages over the four channels,
    25 % follow-ups (half threaded by headers, half by order number), 10 %
    auto-replies, 10 % 'no response needed'."""
    amazon = fixture("amazon_buyer_message.eml")
    followup = fixture("amazon_followup.eml")
    loose = fixture("amazon_followup_no_headers.eml")
    auto = fixture("amazon_auto_reply.eml")
    no_response = fixture("amazon_no_response_needed.eml")
    others = [
        fixture("ebay_member_message.eml"),
        fixture("aliexpress_message.eml"),
        fixture("shop_contact_form.eml"),
    ]

    def unique(raw, i, kind):
        return re.sub(
            r"^Message-ID: <([^>]+)>",
            lambda m: f"Message-ID: <bench-{kind}-{i}-{m.group(1)}>",
            raw,
            count=1,
            flags=re.MULTILINE | re.IGNORECASE,
        )

    out = []
    new_amazon = []
    for i in range(count):
        slot = i % 20
        if slot < 11:
            if slot < 8:
                raw = amazon.replace("204-1234567-7654321", amazon_ref(i))
                raw = raw.replace("3k7xyz9q2mnbvcx", f"bench{i}x")
                raw = unique(raw, i, "new")
                new_amazon.append(i)
                out.append(("new", raw))
            else:
                out.append(("new", unique(others[slot - 8], i, "new")))
        elif slot < 16 and new_amazon:
            j = new_amazon[-1 - (slot % 3)] if len(new_amazon) > 3 else new_amazon[-1]
            if slot % 2:
                raw = followup.replace(
                    "0100018e2a7c-amazon-bsm-1@", f"bench-new-{j}-0100018e2a7c-amazon-bsm-1@"
                )
                kind = "follow-up (headers)"
            else:
                raw = loose
                kind = "follow-up (order)"
            raw = raw.replace("204-1234567-7654321", amazon_ref(j))
            raw = raw.replace("3k7xyz9q2mnbvcx", f"bench{j}x")
            out.append((kind, unique(raw, i, "fu")))
        elif slot < 18:
            out.append(("auto-reply", unique(auto, i, "auto")))
        else:
            out.append(("no response needed", unique(no_response, i, "nrn")))
    return out


def main():
    args = parse(__doc__.splitlines()[0], [(("--messages",), {"type": int, "default": 1000})])
    with rolled_back(args.database) as env:
        team = setup(env, args.messages)
        batch = messages(args.messages)
        Thread = env["mail.thread"]
        tickets_before = env["helpdesk.ticket"].search_count([])
        queries = sql_db.sql_counter
        start = time.perf_counter()
        for _kind, raw in batch:
            Thread.message_process(None, raw.encode())
        seconds = time.perf_counter() - start
        queries = sql_db.sql_counter - queries
        tickets = env["helpdesk.ticket"].search([("team_id", "=", team.id)])
        linked = tickets.filtered("sale_order_id")
        print(
            f"{len(batch)} marketplace e-mails through message_process in {seconds:.1f} s: "
            f"{len(batch) / seconds:.1f} messages/s, {queries / len(batch):.0f} queries "
            f"per message",
            flush=True,
        )
        follow_ups = sum(1 for kind, _raw in batch if kind.startswith("follow"))
        skipped = sum(1 for kind, _raw in batch if kind in ("auto-reply", "no response needed"))
        opened = env["helpdesk.ticket"].search_count([]) - tickets_before
        print(
            f"{opened} tickets opened, {len(linked)} linked to their order, {follow_ups} "
            f"follow-ups sent into open tickets, {skipped} auto-replies and 'no response "
            f"needed' messages",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
