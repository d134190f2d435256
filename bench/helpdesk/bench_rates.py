#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Problem rates at scale: 5,000,000 shipped order lines and 1,000,000 tickets,
the monthly aggregates refreshed, and the pivots timed.

Copies a database that has ``crossborder_ops_helpdesk_sale`` installed into a
throw-away bench database (``CREATE DATABASE ... TEMPLATE``), inserts with
set-based SQL (generate_series) 300 products of 30 suppliers shipped to 30
countries by 6 carriers (two per country) over 24 months, and tickets on the
same products, carriers and countries; refreshes every month of the problem
rates (timed), one month (timed), then times the pivots the web client asks
(product x month, carrier x country, the supplier and carrier scorecards; median
of five runs) as a helpdesk manager. Drops the bench database at the end
(``--keep`` keeps it). Exits 1 when a pivot takes more than 1 s.

Moves carry a real sale order line of their product (one per product): the
refresh only needs to know that a move comes from a sale.
"""

import argparse
import statistics
import sys
import time

import psycopg2
from common import exit_status, timings

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import Registry
from odoo.tools import config

TARGET_PIVOT = 1.0
PRODUCTS, SUPPLIERS, CARRIERS, COUNTRIES, DAYS = 300, 30, 6, 30, 730
# seeds of PostgreSQL's hashint8extended: the dimensions spread independently
H1, H3 = 1, 3


def create_database(source, target):
    conn = psycopg2.connect(dbname="postgres", **db_params())
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    conn.close()


def drop_database(target):
    conn = psycopg2.connect(dbname="postgres", **db_params())
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{target}"')
    conn.close()


def db_params():
    params = {}
    for key, name in (("db_host", "host"), ("db_port", "port"), ("db_user", "user")):
        if config.get(key):
            params[name] = config[key]
    if config.get("db_password"):
        params["password"] = config["db_password"]
    return params


def master_data(env):
    """Products with their main vendor, carriers, one delivery address per country,
    one sale order line per product (through the ORM: a few hundred records)."""
    suppliers = env["res.partner"].create(
        [{"name": f"Bench supplier {i}", "is_company": True} for i in range(SUPPLIERS)]
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench product {i}",
                "is_storable": True,
                "seller_ids": [(0, 0, {"partner_id": suppliers[i % SUPPLIERS].id})],
            }
            for i in range(PRODUCTS)
        ]
    )
    service = env["product.product"].create({"name": "Bench shipping", "type": "service"})
    carriers = env["delivery.carrier"].create(
        [
            {"name": f"Bench carrier {i}", "product_id": service.id, "delivery_type": "fixed"}
            for i in range(CARRIERS)
        ]
    )
    countries = env["res.country"].search([], limit=COUNTRIES, order="id")
    addresses = env["res.partner"].create(
        [{"name": f"Bench buyer {c.code}", "country_id": c.id} for c in countries]
    )
    order = env["sale.order"].create(
        {
            "partner_id": addresses[0].id,
            "order_line": [(0, 0, {"product_id": p.id, "product_uom_qty": 1}) for p in products],
        }
    )
    line_of = {line.product_id.id: line.id for line in order.order_line}
    return {
        "products": products.ids,
        "lines": [line_of[p] for p in products.ids],
        "suppliers": [suppliers[i % SUPPLIERS].id for i in range(PRODUCTS)],
        "uoms": [p.uom_id.id for p in products],
        "carriers": carriers.ids,
        "countries": countries.ids,
        "addresses": addresses.ids,
    }


def insert_shipments(env, data, lines):
    """``lines`` done moves of outgoing deliveries, two per delivery."""
    cr = env.cr
    ptype = env["stock.picking.type"].search(
        [("code", "=", "outgoing"), ("company_id", "=", env.company.id)], limit=1
    )
    params = dict(
        data,
        company=env.company.id,
        ptype=ptype.id,
        src=ptype.default_location_src_id.id,
        dest=env.ref("stock.stock_location_customers").id,
        pickings=(lines + 1) // 2,
        today=odoo.fields.Datetime.now().replace(hour=12, minute=0, second=0),
        count=lines,
        days=DAYS,
        h1=H1,
        h3=H3,
    )
    cr.execute("SELECT coalesce(max(id), 0) FROM stock_picking")
    params["first"] = cr.fetchone()[0] + 1
    # k = the delivery's number: its country, its carrier (one of the two serving the
    # country) and its day follow from k; deliveries are inserted in the order they
    # were shipped, as in a real database (the refresh reads a month through the
    # moves' date index)
    cr.execute(
        """
        INSERT INTO stock_picking
               (id, name, location_id, location_dest_id, picking_type_id, move_type,
                company_id, state, partner_id, carrier_id, scheduled_date, date_done,
                create_uid, write_uid, create_date, write_date)
        SELECT %(first)s + k, 'BENCH/OUT/' || k, %(src)s, %(dest)s, %(ptype)s, 'direct',
               %(company)s, 'done',
               (%(addresses)s::int[])[1 + k %% 30],
               (%(carriers)s::int[])[
                   1 + ((k %% 30) * 2 + abs(hashint8extended(k, %(h1)s)) %% 2) %% 6],
               d, d, 1, 1, d, d
          FROM generate_series(0, %(pickings)s - 1) k,
               LATERAL (SELECT %(today)s - (%(days)s - 1 - k::bigint * %(days)s / %(pickings)s)
                                 * interval '1 day' AS d) day
        """,
        params,
    )
    cr.execute("SELECT setval('stock_picking_id_seq', (SELECT max(id) FROM stock_picking))")
    cr.execute(
        """
        INSERT INTO stock_move
               (company_id, date, location_id, location_dest_id, location_final_id,
                procure_method, product_id, product_uom, product_uom_qty, quantity, state,
                picked, picking_id, picking_type_id, sale_line_id, partner_id,
                create_uid, write_uid, create_date, write_date)
        SELECT %(company)s, p.date_done, %(src)s, %(dest)s, %(dest)s, 'make_to_stock',
               (%(products)s::int[])[1 + i], (%(uoms)s::int[])[1 + i], 1, 1, 'done', true,
               p.id, %(ptype)s, (%(lines)s::int[])[1 + i], p.partner_id,
               1, 1, p.date_done, p.date_done
          FROM generate_series(0, %(count)s - 1) g
          JOIN stock_picking p ON p.id = %(first)s + g / 2,
               LATERAL (SELECT (abs(hashint8extended(g, %(h3)s)) %% 300)::int AS i) product
        """,
        params,
    )


def insert_tickets(env, data, count):
    """``count`` tickets over the same two years: two in three after-sales with a
    cause, the rest questions."""
    causes = env["crossborder.root.cause"].search([("link", "!=", "no_fault")])
    team = env["helpdesk.ticket.team"].search([], limit=1)
    stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
    env.cr.execute(
        """
        INSERT INTO helpdesk_ticket
               (name, description, number, company_id, team_id, stage_id, active,
                create_date, write_date, create_uid, write_uid, cs_stage, root_cause_id,
                root_cause_link, product_id, supplier_id, carrier_id, carrier,
                buyer_country_id, blame_supplier_id, blame_carrier_id)
        SELECT 'bench ticket ' || g, '<p>bench</p>', 'BENCH' || g, %(company)s, %(team)s,
               %(stage)s, true, d, d, 1, 1,
               CASE WHEN g %% 3 = 0 THEN 'pre_sales' ELSE 'after_sales' END,
               CASE WHEN g %% 3 = 0 THEN NULL ELSE (%(causes)s::int[])[1 + g %% %(n)s] END,
               link, (%(products)s::int[])[1 + i], supplier, carrier, NULL,
               (%(countries)s::int[])[1 + c],
               -- the attribution the rates count problems against (default parties)
               CASE WHEN link = 'procurement' THEN supplier END,
               CASE WHEN link IN ('logistics', 'customs') THEN carrier END
          FROM generate_series(1, %(count)s) g,
               LATERAL (SELECT (abs(hashint8extended(g, %(h3)s)) %% 300)::int AS i,
                               (abs(hashint8extended(g, %(h1)s)) %% 30)::int AS c,
                               %(today)s - (%(days)s - g::bigint * %(days)s / %(count)s)
                                 * interval '1 day' AS d) dims,
               LATERAL (SELECT
                   CASE WHEN g %% 3 = 0 THEN NULL
                        ELSE (%(links)s::varchar[])[1 + g %% %(n)s] END AS link,
                   (%(suppliers)s::int[])[1 + i] AS supplier,
                   (%(carriers)s::int[])[1 + (c * 2 + g %% 2) %% 6] AS carrier) parties
        """,
        dict(
            data,
            company=env.company.id,
            team=team.id,
            stage=stage.id,
            causes=causes.ids,
            links=causes.mapped("link"),
            n=len(causes),
            count=count,
            days=DAYS,
            h1=H1,
            h3=H3,
            today=odoo.fields.Datetime.now().replace(hour=12, minute=0, second=0),
        ),
    )


def timed(label, function, runs=5):
    seconds, result = timings(function, runs)
    median = statistics.median(seconds)
    print(f"{label}: median {median:.3f} s of {runs} (first {seconds[0]:.3f} s)", flush=True)
    return median, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument(
        "-d", "--database", required=True, help="database to copy (addon installed)"
    )
    parser.add_argument("--bench-database", default="cbo_bench_rates")
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.bench_database, "--log-level=warn"])
    odoo.netsvc.init_logger()
    create_database(args.database, args.bench_database)
    failures = []
    try:
        registry = Registry(args.bench_database)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            start = time.perf_counter()
            data = master_data(env)
            cr.commit()
            print(f"products, carriers, addresses: {time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            insert_shipments(env, data, args.lines)
            cr.commit()
            print(
                f"inserted {args.lines} shipped lines in {time.perf_counter() - start:.1f} s",
                flush=True,
            )
            start = time.perf_counter()
            insert_tickets(env, data, args.tickets)
            cr.commit()
            print(
                f"inserted {args.tickets} tickets in {time.perf_counter() - start:.1f} s",
                flush=True,
            )
            cr.execute("ANALYZE stock_move, stock_picking, helpdesk_ticket")
            cr.commit()
            env.invalidate_all()
            Report = env["crossborder.problem.rate.report"]
            cr.execute("DELETE FROM crossborder_problem_rate_refresh")
            now = odoo.fields.Datetime.now()
            months = Report._stale_months(now)
            start = time.perf_counter()
            rows = Report._refresh_months(months)
            cr.commit()
            print(
                f"refresh of all {len(months)} months: {rows} aggregate rows, "
                f"{time.perf_counter() - start:.1f} s",
                flush=True,
            )
            start = time.perf_counter()
            Report._refresh_months(months[:1])
            cr.commit()
            print(f"refresh of the current month: {time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            steps = 0
            cr.execute("UPDATE crossborder_problem_rate_refresh SET refreshed_at = NULL")
            while True:
                done, remaining = Report._refresh_batch(batch_size=3, now=now)
                cr.commit()
                steps += 1
                if not done or not remaining:
                    break
            print(
                f"scheduled refresh, 3 months per step: {steps} steps, "
                f"{time.perf_counter() - start:.1f} s",
                flush=True,
            )
            cr.execute("ANALYZE crossborder_problem_rate_report")
            cr.commit()
            # as the web client asks it, as a user (record rules apply)
            manager = env(user=env.ref("base.user_admin").id)
            measures = [
                "problem_rate:avg",
                "shipped_count:sum",
                "problem_count:sum",
                "problem_cost:sum",
            ]
            pivots = [
                (
                    "crossborder.problem.rate.report",
                    "product x month",
                    [],
                    ["product_id", "month:month"],
                    measures,
                ),
                (
                    "crossborder.problem.rate.report",
                    "carrier x country",
                    [],
                    ["carrier_id", "country_id"],
                    measures,
                ),
                (
                    "crossborder.supplier.scorecard",
                    "supplier scorecard, supplier x month",
                    [],
                    ["supplier_id", "month:month"],
                    ["problem_rate:avg", "rate_trend:avg", "problem_cost:sum"],
                ),
                (
                    "crossborder.carrier.scorecard",
                    "carrier scorecard, carrier x country",
                    [],
                    ["carrier_id", "country_id"],
                    ["problem_rate:avg", "rate_trend:avg", "problem_cost:sum"],
                ),
            ]
            for model, label, domain, groupby, aggregates in pivots:
                Model = manager[model]

                def pivot(Model=Model, domain=domain, groupby=groupby, aggregates=aggregates):
                    # the pivot view asks rows, columns and totals in one call
                    return Model.formatted_read_grouping_sets(
                        domain,
                        [groupby, groupby[:1], groupby[1:], []],
                        aggregates,
                    )

                seconds, groups = timed(f"pivot {label}", pivot)
                print(f"    {len(groups[0])} cells", flush=True)
                if seconds > TARGET_PIVOT:
                    failures.append(f"pivot {label} took {seconds:.2f} s > {TARGET_PIVOT} s")
    finally:
        Registry.delete(args.bench_database)
        sql_db.close_db(args.bench_database)
        if not args.keep:
            drop_database(args.bench_database)
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
