# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrossborderPoolLeadReport(models.Model):
    """One line per lead that went through a pool: was it rotated, recycled,
    claimed, and did it convert? Answers "did rotation revive sleeping customers"."""

    _name = "crossborder.pool.lead.report"
    _inherit = ["crossborder.report.view"]
    _description = "Pool leads: recycled, rotated, converted"
    _auto = False
    _rec_name = "lead_id"
    _order = "first_move_date desc"

    lead_id = fields.Many2one("crm.lead", readonly=True)
    pool_id = fields.Many2one("crossborder.lead.pool", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson now", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    first_move_date = fields.Datetime(string="First pool move", readonly=True)
    outcome = fields.Selection(
        [("won", "Won"), ("lost", "Lost"), ("pending", "Open")], readonly=True
    )
    was_rotated = fields.Boolean(string="Rotated", readonly=True)
    was_recycled = fields.Boolean(string="Recycled", readonly=True)
    was_claimed = fields.Boolean(string="Claimed", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Won", readonly=True, aggregator="sum")
    rotated_count = fields.Integer(string="Rotated leads", readonly=True, aggregator="sum")
    rotated_won_count = fields.Integer(string="Rotated and won", readonly=True, aggregator="sum")
    recycled_count = fields.Integer(string="Recycled leads", readonly=True, aggregator="sum")
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Share of these leads that are won.",
    )
    rotated_conversion_rate = fields.Float(
        string="Conversion after rotation (%)",
        readonly=True,
        aggregator="avg",
        help="Among rotated leads, the share won: did rotation revive them?",
    )

    def _select(self):
        return SQL(
            """
            l.id AS id, l.id AS lead_id, l.pool_id, l.team_id, l.user_id, l.country_id,
            coalesce(p.company_id, l.company_id) AS company_id,  -- a pool's: the pool's company
            e.first_move AS first_move_date, l.won_status AS outcome,
            e.rotated AS was_rotated, e.recycled AS was_recycled, e.claimed AS was_claimed,
            1 AS lead_count,
            (l.won_status = 'won')::int AS won_count,
            e.rotated::int AS rotated_count,
            (e.rotated AND l.won_status = 'won')::int AS rotated_won_count,
            e.recycled::int AS recycled_count,
            CASE WHEN l.won_status = 'won' THEN 100.0 ELSE 0.0 END AS conversion_rate,
            CASE WHEN NOT e.rotated THEN NULL
                 WHEN l.won_status = 'won' THEN 100.0 ELSE 0.0 END AS rotated_conversion_rate
            """
        )

    def _from(self):
        return SQL(
            """
            crm_lead l
            JOIN (SELECT lead_id, min(date) AS first_move,
                         bool_or(kind = 'rotation') AS rotated,
                         bool_or(kind IN ('recycle', 'over_cap')) AS recycled,
                         bool_or(kind = 'claim') AS claimed
                    FROM crossborder_pool_event
                   WHERE kind IN ('rotation', 'recycle', 'over_cap', 'claim', 'release')
                GROUP BY lead_id) e ON e.lead_id = l.id
            LEFT JOIN crossborder_lead_pool p ON p.id = l.pool_id
            """
        )

    def _query(self):
        return SQL("SELECT %s FROM %s", self._select(), self._from())
