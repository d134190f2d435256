# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL

# levels: a group of days reads their average per day, not their sum
LEVELS = ("lead_count", "held_count")


class CrossborderPoolSnapshot(models.Model):
    """Daily picture of each pool: how many leads wait and for how long, so that
    managers see the pool's size and age over time."""

    _name = "crossborder.pool.snapshot"
    _inherit = ["crossborder.ratio.mixin"]
    _description = "Pool size and age, daily"
    _order = "date desc, pool_id"

    date = fields.Date(required=True, readonly=True, index=True)
    pool_id = fields.Many2one("crossborder.lead.pool", required=True, readonly=True, index=True)
    company_id = fields.Many2one(related="pool_id.company_id", store=True)
    lead_count = fields.Integer(
        string="Leads in pool",
        readonly=True,
        aggregator="avg",  # grouped: the pools' total per day, averaged over the days
        help="Leads waiting in the pool that day. Over several days (a week, a month): "
        "the average per day, all the pools shown together.",
    )
    held_count = fields.Integer(
        string="Leads held privately",
        readonly=True,
        aggregator="avg",  # as lead_count
        help="Pool leads salespeople held that day. Over several days: the average per day.",
    )
    total_age_days = fields.Float(
        string="Days waited, all leads",
        compute="_compute_total_age_days",
        store=True,
        help="The waiting leads' days in the pool added up: what the average wait is "
        "computed from.",
    )
    avg_age_days = fields.Float(
        string="Average wait (days)",
        readonly=True,
        aggregator="avg",  # grouped: days waited over leads waiting (_cbo_ratios)
        help="How long the waiting leads had been in the pool, on average. Over several "
        "pools or days: weighted by the leads waiting.",
    )
    max_age_days = fields.Float(string="Longest wait (days)", readonly=True, aggregator="max")

    _pool_date_uniq = models.Constraint("unique(pool_id, date)", "One snapshot per pool and day.")

    _cbo_ratios = {"avg_age_days": ("total_age_days", "lead_count", 1)}

    @api.depends("avg_age_days", "lead_count")
    def _compute_total_age_days(self):
        for snapshot in self:
            snapshot.total_age_days = snapshot.avg_age_days * snapshot.lead_count

    def _read_group_select(self, aggregate_spec, query):
        # a pool's size is a level, not a flow: a week of snapshots has the week's
        # average size, not seven days added up
        fname, _property, func = (
            parse_read_group_spec(aggregate_spec) if aggregate_spec != "__count" else ("", "", "")
        )
        if fname in LEVELS and func in ("sum", "avg"):
            return SQL(
                "ROUND(SUM(%s)::numeric / NULLIF(COUNT(DISTINCT %s), 0))::int",
                self._field_to_sql(self._table, fname, query),
                self._field_to_sql(self._table, "date", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _take(self, day=None):
        """Write today's snapshot of every active pool (idempotent: replaces today's)."""
        day = day or fields.Date.context_today(self)
        now = fields.Datetime.now()
        self.env["crm.lead"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.id,
                       count(l.id) FILTER (WHERE l.user_id IS NULL),
                       count(l.id) FILTER (WHERE l.user_id IS NOT NULL),
                       coalesce(avg(extract(epoch FROM %(now)s - l.pool_entry_date) / 86400.0)
                                FILTER (WHERE l.user_id IS NULL), 0),
                       coalesce(max(extract(epoch FROM %(now)s - l.pool_entry_date) / 86400.0)
                                FILTER (WHERE l.user_id IS NULL), 0)
                  FROM crossborder_lead_pool p
             LEFT JOIN crm_lead l ON l.pool_id = p.id AND l.active AND l.won_status = 'pending'
                 WHERE p.active
              GROUP BY p.id
                """,
                now=now,
            )
        )
        self.search([("date", "=", day)]).unlink()
        return self.create(
            [
                {
                    "date": day,
                    "pool_id": pool_id,
                    "lead_count": waiting,
                    "held_count": held,
                    "avg_age_days": round(avg_age, 2),
                    "max_age_days": round(max_age, 2),
                }
                for pool_id, waiting, held, avg_age, max_age in rows
            ]
        )
