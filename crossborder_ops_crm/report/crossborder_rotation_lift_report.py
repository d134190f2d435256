# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrossborderRotationLiftReport(models.Model):
    """Does rotation pay? One line per lead drawn by a rotation run that kept a
    share back at random, in the group of its first draw: handed out or kept in
    the pool. A lead drawn, then merged into another, stays a line of its own
    (its draw names it by its number): its outcome is the lead it went into.
    Both groups are alike but for rotation, so the difference of their
    conversion and revenue is what rotation brings."""

    _name = "crossborder.rotation.lift.report"
    _inherit = ["crossborder.report.view"]
    _description = "Rotation against leads kept back at random"
    _auto = False
    _rec_name = "lead_id"
    _order = "draw_date desc"

    lead_id = fields.Many2one("crm.lead", readonly=True)
    pool_id = fields.Many2one("crossborder.lead.pool", readonly=True)
    tier_id = fields.Many2one(
        "crossborder.sales.tier",
        readonly=True,
        help="Tier of the salesperson who received the lead, or would have received it.",
    )
    run_id = fields.Many2one("crossborder.rotation.run", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    draw_date = fields.Datetime(string="Drawn on", readonly=True)
    arm = fields.Selection(
        [("rotated", "Handed out"), ("held_back", "Kept back")], string="Group", readonly=True
    )
    outcome = fields.Selection(
        [("won", "Won"), ("lost", "Lost"), ("pending", "Open")], readonly=True
    )
    lead_count = fields.Integer(string="Leads", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Won", readonly=True, aggregator="sum")
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the group's leads that are won.",
    )
    revenue = fields.Float(
        string="Won revenue", readonly=True, aggregator="sum", help="Expected revenue of won leads."
    )
    revenue_per_lead = fields.Float(
        string="Revenue per lead",
        readonly=True,
        aggregator="avg",
        help="Won revenue divided by all the group's leads, won or not.",
    )
    revenue_sq = fields.Float(readonly=True, aggregator="sum")  # for the interval

    def _query(self):
        return SQL(
            """
            SELECT DISTINCT ON (e.pool_id, coalesce(e.former_lead_number, e.lead_id))
                   e.id AS id, e.lead_id, e.pool_id, e.tier_id, e.run_id,
                   p.company_id,  -- the pool's company: a waiting lead may have none
                   e.date AS draw_date,
                   CASE WHEN e.kind = 'rotation' THEN 'rotated' ELSE 'held_back' END AS arm,
                   l.won_status AS outcome,
                   1 AS lead_count,
                   (l.won_status = 'won')::int AS won_count,
                   CASE WHEN l.won_status = 'won' THEN 100.0 ELSE 0.0 END AS conversion_rate,
                   w.revenue, w.revenue AS revenue_per_lead, w.revenue * w.revenue AS revenue_sq
              FROM crossborder_pool_event e
              JOIN crossborder_rotation_run r ON r.id = e.run_id AND r.holdback_seed IS NOT NULL
              JOIN crm_lead l ON l.id = e.lead_id
              JOIN crossborder_lead_pool p ON p.id = e.pool_id
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN l.won_status = 'won'
                               THEN coalesce(l.expected_revenue, 0.0) ELSE 0.0 END AS revenue
                   ) w
             WHERE e.kind IN ('rotation', 'hold_back')
          ORDER BY e.pool_id, coalesce(e.former_lead_number, e.lead_id), e.date, e.id
            """
        )
