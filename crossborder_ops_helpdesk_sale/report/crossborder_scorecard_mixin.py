# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CrossborderScorecardMixin(models.AbstractModel):
    """A scorecard read from the monthly problem rates: per month and the
    dimensions in ``_cbo_dimensions``, the month's shipped lines, problems, cost
    and rate beside the previous month's.

    Each month's figures are also written once more into the next month as its
    "previous" figures, so that whatever the grouping (a supplier over a quarter,
    every supplier together), the trend compares the same things: the rate of the
    months shown minus the rate of the months just before them.
    """

    _name = "crossborder.scorecard.mixin"
    _inherit = ["crossborder.rate.mixin", "crossborder.report.view"]
    _description = "Supplier or carrier scorecard"
    _order = "month desc"
    _cbo_dimensions = ()
    _cbo_ratios = {
        "problem_rate": ("problem_count", "shipped_count", 1000),
        "previous_rate": ("previous_problem_count", "previous_shipped_count", 1000),
    }
    _cbo_trends = {"rate_trend": ("problem_rate", "previous_rate")}

    month = fields.Date(readonly=True, help="Month of the shipments and of the problems (UTC).")
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    shipped_count = fields.Integer(string="Shipped lines", readonly=True, aggregator="sum")
    problem_count = fields.Integer(
        string="Problems",
        readonly=True,
        aggregator="sum",
        help="Problems of the month (tickets with a root cause other than no fault, "
        "whatever their CS stage) blamed on the supplier or carrier (their ticket's "
        "attribution).",
    )
    problem_cost = fields.Monetary(string="Cost of problems", readonly=True, aggregator="sum")
    problem_rate = fields.Float(
        string="Problems per 1,000 shipped lines",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Problems × 1,000 ÷ shipped lines, on the totals of each group.",
    )
    previous_shipped_count = fields.Integer(
        string="Shipped lines, month before", readonly=True, aggregator="sum"
    )
    previous_problem_count = fields.Integer(
        string="Problems, month before", readonly=True, aggregator="sum"
    )
    previous_problem_cost = fields.Monetary(
        string="Cost, month before", readonly=True, aggregator="sum"
    )
    previous_rate = fields.Float(
        string="Rate, month before",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="The same rate over the months just before the ones shown.",
    )
    rate_trend = fields.Float(
        string="Rate trend",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Rate minus the rate of the month before: above zero, problems grow.",
    )
    cost_trend = fields.Monetary(
        string="Cost trend",
        readonly=True,
        aggregator="sum",
        help="Cost minus the cost of the month before.",
    )
    refreshed_at = fields.Datetime(string="Refreshed on", readonly=True, aggregator="max")

    def _query(self):
        dimensions = SQL(", ").join(SQL.identifier(d) for d in self._cbo_dimensions)
        source = SQL.identifier(self.env["crossborder.problem.rate.report"]._table)
        return SQL(
            """
            WITH monthly AS (
                SELECT month, company_id, currency_id, %(dimensions)s,
                       sum(shipped_count) AS shipped_count,
                       sum(problem_count) AS problem_count,
                       sum(problem_cost) AS problem_cost,
                       max(refreshed_at) AS refreshed_at
                  FROM %(source)s
                 WHERE %(first)s IS NOT NULL
              GROUP BY month, company_id, currency_id, %(dimensions)s
            ),
            both_months AS (
                SELECT month, company_id, currency_id, %(dimensions)s, shipped_count,
                       problem_count, problem_cost, 0 AS previous_shipped_count,
                       0 AS previous_problem_count, 0 AS previous_problem_cost, refreshed_at
                  FROM monthly
             UNION ALL
                SELECT (month + interval '1 month')::date, company_id, currency_id,
                       %(dimensions)s, 0, 0, 0, shipped_count, problem_count, problem_cost,
                       refreshed_at
                  FROM monthly
                 WHERE month < date_trunc('month', now() at time zone 'UTC')::date
            )
            SELECT row_number() OVER (ORDER BY month, company_id, %(dimensions)s) AS id,
                   month, company_id, currency_id, %(dimensions)s,
                   sum(shipped_count) AS shipped_count,
                   sum(problem_count) AS problem_count,
                   sum(problem_cost) AS problem_cost,
                   sum(problem_count) * 1000.0 / NULLIF(sum(shipped_count), 0)
                       AS problem_rate,
                   sum(previous_shipped_count) AS previous_shipped_count,
                   sum(previous_problem_count) AS previous_problem_count,
                   sum(previous_problem_cost) AS previous_problem_cost,
                   sum(previous_problem_count) * 1000.0 / NULLIF(sum(previous_shipped_count), 0)
                       AS previous_rate,
                   sum(problem_count) * 1000.0 / NULLIF(sum(shipped_count), 0)
                   - sum(previous_problem_count) * 1000.0
                     / NULLIF(sum(previous_shipped_count), 0) AS rate_trend,
                   sum(problem_cost) - sum(previous_problem_cost) AS cost_trend,
                   max(refreshed_at) AS refreshed_at
              FROM both_months
          GROUP BY month, company_id, currency_id, %(dimensions)s
            """,
            dimensions=dimensions,
            first=SQL.identifier(self._cbo_dimensions[0]),
            source=source,
        )
