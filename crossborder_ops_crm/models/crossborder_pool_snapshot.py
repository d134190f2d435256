# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CrossborderPoolSnapshot(models.Model):
    """Daily picture of each pool: how many leads wait and for how long, so that
    managers see the pool's size and age over time."""

    _name = "crossborder.pool.snapshot"
    _description = "Pool size and age, daily"
    _order = "date desc, pool_id"

    date = fields.Date(required=True, readonly=True, index=True)
    pool_id = fields.Many2one("crossborder.lead.pool", required=True, readonly=True, index=True)
    company_id = fields.Many2one(related="pool_id.company_id", store=True)
    lead_count = fields.Integer(string="Leads in pool", readonly=True, aggregator="sum")
    held_count = fields.Integer(string="Leads held privately", readonly=True, aggregator="sum")
    avg_age_days = fields.Float(string="Average wait (days)", readonly=True, aggregator="avg")
    max_age_days = fields.Float(string="Longest wait (days)", readonly=True, aggregator="max")

    _pool_date_uniq = models.Constraint("unique(pool_id, date)", "One snapshot per pool and day.")

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
