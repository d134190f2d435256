#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recurrences on rates at scale: shipped order lines counted per product,
carrier and destination country for the p-chart, and the detection a
classification runs.

Ships one real order through the ORM, copies its delivery and its stock move
with SQL into ``--pickings`` deliveries (carriers x countries) and ``--lines``
shipped lines over a year, measures the count of shipped lines behind a
recurrence (13 windows of 30 days, one product, one carrier, one country),
then the classification of a ticket that runs the whole detection, and rolls
everything back. Exits 1 when the count takes more than 1 s.

    ~/.cache/crossborder-ops/venv-py3.11/bin/python bench/helpdesk/bench_recurrence_rates.py \\
        -c ~/.cache/crossborder-ops/dev/numbers.conf -d cbo_wt_numbers
"""

import sys
import time
from datetime import datetime, timedelta
from datetime import time as dtime

from common import exit_status, parse, rolled_back, timings

from odoo.tools import SQL

TARGET_COUNT = 1.0


def copy_rows(env, table, template_id, count, overrides):
    """Insert ``count`` copies of row ``template_id`` of ``table``, with
    ``overrides`` {column: SQL expression over g, the copy's number}."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id'",
        [table],
    )
    columns = [row[0] for row in env.cr.fetchall()]
    values = [overrides.get(column, SQL.identifier("t", column)) for column in columns]
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %s) g WHERE t.id = %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values),
            SQL.identifier(table),
            count,
            template_id,
        )
    )


def ship_template(env):
    countries = env["res.country"].search([], limit=20)
    partners = env["res.partner"].create(
        [{"name": f"bench buyer {c.code}", "country_id": c.id} for c in countries]
    )
    service = env["product.product"].create({"name": "bench carrier", "type": "service"})
    carriers = env["delivery.carrier"].create(
        [
            {"name": f"bench carrier {i}", "product_id": service.id, "delivery_type": "fixed"}
            for i in range(8)
        ]
    )
    products = env["product.product"].create([{"name": f"bench product {i}"} for i in range(200)])
    order = env["sale.order"].create(
        {
            "partner_id": partners[0].id,
            "carrier_id": carriers[0].id,
            "order_line": [(0, 0, {"product_id": products[0].id, "product_uom_qty": 1})],
        }
    )
    order.action_confirm()
    picking = order.picking_ids
    picking.move_ids.write({"quantity": 1, "picked": True})
    picking._action_done()
    env.flush_all()
    return picking, partners, carriers, products


def main():
    args = parse(
        __doc__.splitlines()[0],
        [
            (("--lines",), {"type": int, "default": 1_000_000}),
            (("--pickings",), {"type": int, "default": 200_000}),
            (
                ("--keep",),
                {"action": "store_true", "help": "commit the data (a throw-away database only)"},
            ),
        ],
    )
    failures = []
    with rolled_back(args.database, keep=args.keep) as env:
        picking, partners, carriers, products = ship_template(env)
        start = time.perf_counter()
        env.cr.execute("SELECT coalesce(max(id), 0) FROM stock_picking")
        first_picking = env.cr.fetchone()[0] + 1
        copy_rows(
            env,
            "stock_picking",
            picking.id,
            args.pickings,
            {
                "name": SQL("'BENCH/' || %s || '/' || g", picking.id),
                "partner_id": SQL("(%s::int[])[1 + g %% %s]", partners.ids, len(partners)),
                "carrier_id": SQL("(%s::int[])[1 + g %% %s]", carriers.ids, len(carriers)),
            },
        )
        copy_rows(
            env,
            "stock_move",
            picking.move_ids.id,
            args.lines,
            {
                "picking_id": SQL("%s + g %% %s", first_picking, args.pickings),
                "product_id": SQL("(%s::int[])[1 + g %% %s]", products.ids, len(products)),
                "date": SQL(
                    "(now() at time zone 'UTC') - (g %% 365) * interval '1 day'"
                    " - (g %% 24) * interval '1 hour'"
                ),
            },
        )
        env.cr.execute("ANALYZE stock_move")
        env.cr.execute("ANALYZE stock_picking")
        print(
            f"inserted {args.pickings} deliveries and {args.lines} shipped lines in "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )
        Recurrence = env["crossborder.recurrence"]
        end = datetime.combine(datetime.now().date() + timedelta(days=1), dtime.min)
        periods = [
            (end - timedelta(days=30 * (13 - i)), end - timedelta(days=30 * (12 - i)))
            for i in range(13)
        ]
        keys = [
            (("product", products[7].id),),
            (("carrier", carriers[3].name.lower()),),
            (("country", partners[5].country_id.id),),
        ]
        seconds, shipped = timings(
            lambda: Recurrence._cbo_recurrence_opportunities(env.company, keys, periods),
            before=env.invalidate_all,
        )
        print(
            f"shipped lines per window (13 x 30 days) for a product, a carrier and a "
            f"country: {[sum(shipped[k]) for k in keys]} lines, {min(seconds):.3f} s "
            f"(best of 3; first {seconds[0]:.3f} s)",
            flush=True,
        )
        if min(seconds) > TARGET_COUNT:
            failures.append(f"count took {min(seconds):.2f} s > {TARGET_COUNT} s")
        cause = env["crossborder.root.cause"].search([("department_id", "!=", False)], limit=1)
        team = env["helpdesk.ticket.team"].search([], limit=1)
        tickets = env["helpdesk.ticket"].create(
            [
                {
                    "name": f"bench problem {i}",
                    "description": "<p>bench</p>",
                    "team_id": team.id,
                    "product_id": products[7].id,
                    "buyer_country_id": partners[5].country_id.id,
                    "carrier": carriers[3].name,
                }
                for i in range(3)
            ]
        )
        tickets[:2].write({"root_cause_id": cause.id})
        env.flush_all()
        start = time.perf_counter()
        tickets[2].root_cause_id = cause
        env.flush_all()
        print(
            f"classifying a ticket (detection on 3 dimensions with rates): "
            f"{time.perf_counter() - start:.3f} s",
            flush=True,
        )
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
