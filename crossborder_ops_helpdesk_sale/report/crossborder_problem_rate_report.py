# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

# months whose figures still move (shipments of the month, tickets of last month's
# shipments): refreshed at every run of the scheduled action; older months once a day
RECENT_MONTHS = 2
OLD_MONTHS_MAX_AGE = timedelta(hours=20)
REFRESH_LOG = "crossborder_problem_rate_refresh"


class CrossborderProblemRateReport(models.Model):
    """Problems per 1,000 shipped order lines by month, product, carrier,
    destination country and supplier.

    The denominator: order lines shipped in the month (done moves of outgoing
    deliveries that come from a sale order line; a line shipped in two parcels
    counts twice, each parcel can go wrong). The numerator: the problems opened in
    the month as the weekly feedback counts problems (tickets with a root cause,
    whatever their CS stage), "no fault" causes left out, with what they cost, on
    the ticket's product and buyer country, and against the supplier and the
    carrier their cause is blamed on (the ticket's attribution, as in the weekly
    feedback and *Cost of problems*): a late parcel
    counts against its carrier, not its supplier; a crushed box against neither.
    A problem is counted in the month the buyer reported it, against the
    shipments of that month: the last month's rate rises as late tickets come in.

    Counting through a million tickets and millions of moves at each pivot is too
    slow, so the figures are monthly aggregates kept in a table, refreshed month
    by month by a scheduled action (and by managers on demand). Months are UTC.
    """

    _name = "crossborder.problem.rate.report"
    _inherit = ["crossborder.rate.mixin"]
    _description = "Problems per 1,000 shipped order lines"
    _auto = False
    _order = "month desc, problem_count desc"
    _cbo_ratios = {"problem_rate": ("problem_count", "shipped_count", 1000)}

    month = fields.Date(readonly=True, help="Month of the shipments and of the problems (UTC).")
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    carrier_id = fields.Many2one(
        "delivery.carrier",
        readonly=True,
        help="The delivery's carrier for shipments; for problems, the carrier they are "
        "blamed on (logistics and customs causes).",
    )
    country_id = fields.Many2one(
        "res.country",
        string="Destination country",
        readonly=True,
        help="Country of the delivery address for shipments, the buyer's country for problems.",
    )
    supplier_id = fields.Many2one(
        "res.partner",
        readonly=True,
        help="The product's main vendor for shipments; for problems, the supplier they are "
        "blamed on (procurement causes, and causes marked so).",
    )
    shipped_count = fields.Integer(string="Shipped lines", readonly=True, aggregator="sum")
    problem_count = fields.Integer(
        string="Problems",
        readonly=True,
        aggregator="sum",
        help="Tickets with a root cause other than no fault, whatever their CS stage, "
        "opened in the month; against a supplier or a carrier only when the cause is "
        "blamed on them.",
    )
    problem_cost = fields.Monetary(
        string="Cost of problems",
        readonly=True,
        aggregator="sum",
        help="Refunds and reshipments linked to the problems.",
    )
    problem_rate = fields.Float(
        string="Problems per 1,000 shipped lines",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Problems × 1,000 ÷ shipped lines, computed on the totals of each group "
        "(never an average of rates).",
    )
    refreshed_at = fields.Datetime(
        string="Refreshed on", readonly=True, help="When the figures of this month were computed."
    )

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS %(table)s (
                    id bigserial PRIMARY KEY,
                    month date NOT NULL,
                    company_id integer,
                    currency_id integer,
                    product_id integer,
                    carrier_id integer,
                    country_id integer,
                    supplier_id integer,
                    shipped_count integer NOT NULL DEFAULT 0,
                    problem_count integer NOT NULL DEFAULT 0,
                    problem_cost numeric NOT NULL DEFAULT 0,
                    problem_rate double precision,
                    refreshed_at timestamp without time zone
                );
                CREATE INDEX IF NOT EXISTS %(month_index)s ON %(table)s (month);
                CREATE INDEX IF NOT EXISTS %(product_index)s ON %(table)s (product_id, month);
                CREATE INDEX IF NOT EXISTS %(carrier_index)s
                    ON %(table)s (carrier_id, country_id);
                CREATE INDEX IF NOT EXISTS %(supplier_index)s ON %(table)s (supplier_id, month);
                CREATE TABLE IF NOT EXISTS %(log)s (
                    month date PRIMARY KEY,
                    refreshed_at timestamp without time zone
                );
                """,
                table=SQL.identifier(self._table),
                month_index=SQL.identifier(f"{self._table}_month_idx"),
                product_index=SQL.identifier(f"{self._table}_product_month_idx"),
                carrier_index=SQL.identifier(f"{self._table}_carrier_country_idx"),
                supplier_index=SQL.identifier(f"{self._table}_supplier_month_idx"),
                log=SQL.identifier(REFRESH_LOG),
            )
        )

    # ------------------------------------------------------------------
    # actions
    def action_refresh(self):
        """Refresh the figures now (managers): the recent months at once, the older
        ones by the scheduled action, started right away."""
        if not self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager"):
            raise AccessError(self.env._("Only helpdesk managers can refresh the problem rates."))
        months = self._recent_months(fields.Datetime.now().date())  # months are UTC
        self._refresh_months(months)
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET refreshed_at = NULL WHERE month <> ALL(%s)",
                SQL.identifier(REFRESH_LOG),
                months,
            )
        )
        self.env.ref("crossborder_ops_helpdesk_sale.ir_cron_problem_rate_refresh")._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Problem rates of %(first)s to %(last)s refreshed; older months follow "
                    "in the background.",
                    first=months[-1].strftime("%Y-%m"),
                    last=months[0].strftime("%Y-%m"),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # refresh
    @api.model
    def _recent_months(self, today):
        first = today.replace(day=1)
        return [first - relativedelta(months=n) for n in range(RECENT_MONTHS)]

    @api.model
    def _cron_refresh(self, batch_size=3):
        run_start = fields.Datetime.now()
        while True:
            processed, remaining = self._refresh_batch(batch_size=batch_size, now=run_start)
            time_left = self.env["ir.cron"]._commit_progress(processed, remaining=remaining)
            if not processed or not remaining or time_left <= 0:
                return

    @api.model
    def _refresh_batch(self, batch_size=3, now=None):
        """Refresh the next ``batch_size`` stale months, newest first; return the
        number refreshed and the number still stale. A month is stale when it was
        never computed, or when it is recent and was computed before ``now`` (the
        start of the run), or when it is older and was computed more than 20 hours
        before: running twice in a row refreshes the old months once."""
        now = now or fields.Datetime.now()
        self.env.flush_all()
        months = self._stale_months(now)
        batch = months[:batch_size]
        if batch:
            self._refresh_months(batch)
        return len(batch), len(months) - len(batch)

    @api.model
    def _stale_months(self, now):
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT least(
                    (SELECT min(date) FROM stock_move
                      WHERE state = 'done' AND sale_line_id IS NOT NULL),
                    (SELECT min(create_date) FROM helpdesk_ticket
                      WHERE root_cause_id IS NOT NULL))
                """
            )
        )
        first = cr.fetchone()[0]
        if not first:
            return []
        today = now.date()
        recent = self._recent_months(today)
        month = first.date().replace(day=1)
        months = []
        while month <= today:
            months.append(month)
            month += relativedelta(months=1)
        cr.execute(SQL("SELECT month, refreshed_at FROM %s", SQL.identifier(REFRESH_LOG)))
        refreshed = dict(cr.fetchall())
        stale = [
            month
            for month in months
            if not refreshed.get(month)
            or refreshed[month] < (now if month in recent else now - OLD_MONTHS_MAX_AGE)
        ]
        return sorted(stale, reverse=True)

    @api.model
    def _problems_query(self, start, end):
        """The problems opened from ``start`` to ``end`` (first days of months), as
        the weekly feedback counts problems (``helpdesk.ticket._cbo_problem_domain``:
        a cause, whatever the ticket's CS stage), the company's faults only (not
        "no fault"); archived or not, an archived problem still happened. Per month,
        product and country, and against the supplier and the carrier the cause is
        blamed on, with what they cost."""
        # the refresh counts every team's tickets, whoever runs it: read as the system
        Ticket = self.env["helpdesk.ticket"].sudo()
        query = Ticket._search(
            Ticket._cbo_problem_domain(faults_only=True)
            & Domain("create_date", ">=", datetime.combine(start, time.min))
            & Domain("create_date", "<", datetime.combine(end, time.min)),
            active_test=False,
        )

        def column(fname):
            return SQL.identifier(query.table, fname)

        cost_field = Ticket._fields.get("problem_cost")
        # the cost of each problem is another part of the addon: read it where it exists
        cost = (
            SQL("coalesce(%s, 0)", column("problem_cost"))
            if cost_field and cost_field.store and cost_field.column_type
            else SQL("0")
        )
        query.groupby = SQL("1, 2, 3, 4, 5, 6")
        return query.select(
            SQL(
                "date_trunc('month', %s)::date AS month, %s AS company_id, %s AS product_id, "
                "%s AS carrier_id, %s AS country_id, %s AS supplier_id, "
                "count(*) AS problem_count, sum(%s) AS problem_cost",
                column("create_date"),
                column("company_id"),
                column("product_id"),
                column("blame_carrier_id"),
                column("buyer_country_id"),
                column("blame_supplier_id"),
                cost,
            )
        )

    @api.model
    def _refresh_months(self, months):
        """Recompute the rows of the given months (first days) from the deliveries
        and the tickets: the same months refreshed twice give the same rows."""
        months = sorted({m.replace(day=1) for m in months})
        if not months:
            return 0
        self.env.flush_all()  # the SQL below reads the tickets and moves as saved
        start = months[0]
        end = months[-1] + relativedelta(months=1)
        params = {
            "table": SQL.identifier(self._table),
            "log": SQL.identifier(REFRESH_LOG),
            "months": months,
            "start": start,
            "end": end,
            "problems": self._problems_query(start, end),
            "now": fields.Datetime.now(),
            # the types' ids, not a join on their code: PostgreSQL then estimates the
            # deliveries from its statistics (a join made it expect one move per delivery
            # and loop over every delivery ever shipped). The refresh counts every
            # company's deliveries, whoever runs it: read as the system.
            "outgoing": self.env["stock.picking.type"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "=", "outgoing")])
            .ids,
        }
        cr = self.env.cr
        # one refresh at a time (the scheduled action and a manager's button): two
        # would each delete the month and insert it, twice
        cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", REFRESH_LOG))
        # grouping millions of moves into a few hundred thousand rows: with the
        # default 4 MB the hash spills to disk (see bench/helpdesk/README.md)
        # and compiling the plan (JIT) took longer than running it: 2.6 of 3.6 s
        cr.execute(SQL("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"))
        cr.execute(SQL("DELETE FROM %(table)s WHERE month = ANY(%(months)s)", **params))
        cr.execute(
            SQL(
                """
                WITH shipped AS (
                    SELECT date_trunc('month', m.date)::date AS month, m.company_id,
                           m.product_id, p.carrier_id,
                           coalesce(dp.country_id, (
                               SELECT sp.country_id
                                 FROM sale_order_line sol
                                 JOIN sale_order so ON so.id = sol.order_id
                                 JOIN res_partner sp ON sp.id = so.partner_shipping_id
                                WHERE sol.id = m.sale_line_id)) AS country_id,
                           count(*) AS shipped_count
                      FROM stock_move m
                      JOIN stock_picking p ON p.id = m.picking_id
                 LEFT JOIN res_partner dp ON dp.id = p.partner_id
                     WHERE m.state = 'done' AND m.sale_line_id IS NOT NULL
                       AND p.picking_type_id = ANY(%(outgoing)s)
                       AND m.date >= %(start)s AND m.date < %(end)s
                  GROUP BY 1, 2, 3, 4, 5
                ),
                problems AS (%(problems)s),
                facts AS (
                    SELECT s.month, s.company_id, s.product_id, s.carrier_id, s.country_id,
                           vendor.supplier_id, s.shipped_count, 0 AS problem_count,
                           0 AS problem_cost
                      FROM shipped s
                 LEFT JOIN LATERAL (
                        -- the product's main vendor, as on the ticket
                        SELECT vp.commercial_partner_id AS supplier_id
                          FROM product_product pp
                          JOIN product_supplierinfo si
                            ON si.product_tmpl_id = pp.product_tmpl_id
                           AND (si.product_id IS NULL OR si.product_id = pp.id)
                           AND (si.company_id IS NULL OR si.company_id = s.company_id)
                          JOIN res_partner vp ON vp.id = si.partner_id
                         WHERE pp.id = s.product_id
                      ORDER BY si.sequence, si.id
                         LIMIT 1) vendor ON true
                 UNION ALL
                    SELECT month, company_id, product_id, carrier_id, country_id, supplier_id,
                           0, problem_count, problem_cost
                      FROM problems
                )
                INSERT INTO %(table)s
                       (month, company_id, currency_id, product_id, carrier_id, country_id,
                        supplier_id, shipped_count, problem_count, problem_cost, problem_rate,
                        refreshed_at)
                SELECT f.month, f.company_id, c.currency_id, f.product_id, f.carrier_id,
                       f.country_id, f.supplier_id, sum(f.shipped_count), sum(f.problem_count),
                       sum(f.problem_cost),
                       sum(f.problem_count) * 1000.0 / NULLIF(sum(f.shipped_count), 0),
                       %(now)s
                  FROM facts f
             LEFT JOIN res_company c ON c.id = f.company_id
                 -- the months asked only (a batch of months need not be contiguous);
                 -- filtered here, a date range alone lets PostgreSQL estimate the moves
                 WHERE f.month = ANY(%(months)s)
              GROUP BY f.month, f.company_id, c.currency_id, f.product_id, f.carrier_id,
                       f.country_id, f.supplier_id
                """,
                **params,
            )
        )
        count = cr.rowcount
        cr.execute(
            SQL(
                """
                INSERT INTO %(log)s (month, refreshed_at)
                SELECT unnest(%(months)s::date[]), %(now)s
                ON CONFLICT (month) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at
                """,
                **params,
            )
        )
        self.invalidate_model()
        return count
