# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrossborderRotationLiftReport(models.Model):
    """Does rotation pay? One line per lead drawn by a rotation run that kept a
    share back at random, in the group of its first draw: handed out or kept in
    the pool. The draw was of the lead as it was then: a lead drawn, then merged
    into another, stays a line of its own in its group (its draw names it by its
    number), merged, neither won nor lost; the lead it went into wins or loses
    on its own draw only (before, its outcome counted on both draws, in both
    groups). A lead deleted since keeps its line too, deleted, not won. Both
    groups are alike but for rotation, so the difference of their conversion and
    revenue is what rotation brings."""

    _name = "crossborder.rotation.lift.report"
    _inherit = ["crossborder.report.view", "crossborder.ratio.mixin"]
    _description = "Rotation against leads kept back at random"
    _auto = False
    _rec_name = "lead_id"
    _order = "draw_date desc"

    lead_id = fields.Many2one(
        "crm.lead",
        readonly=True,
        help="The lead drawn (empty once merged into another, or deleted).",
    )
    merged_into_id = fields.Many2one(
        "crm.lead",
        string="Merged into",
        readonly=True,
        help="The lead drawn was later merged into this one, which has its own outcome.",
    )
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
        [
            ("won", "Won"),
            ("lost", "Lost"),
            ("pending", "Open"),
            ("merged", "Merged"),
            ("deleted", "Deleted"),
        ],
        readonly=True,
        help="Merged: the lead drawn went into another lead, which wins or loses on its own "
        "draw. Deleted: the lead drawn was deleted since; it still counts in its group, as a "
        "lead not won.",
    )
    lead_count = fields.Integer(string="Leads", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Won", readonly=True, aggregator="sum")
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the group's leads that are won.",
    )
    # the pool's company's: pools of companies in other currencies are converted
    # when read together (Odoo's sum_currency), not added up as one currency
    currency_id = fields.Many2one("res.currency", readonly=True)
    revenue = fields.Monetary(
        string="Won revenue",
        readonly=True,
        aggregator="sum",
        help="Expected revenue of won leads, in the pool's company's currency; pools of "
        "several currencies together, in the current company's.",
    )
    revenue_per_lead = fields.Float(
        string="Revenue per lead",
        readonly=True,
        aggregator="avg",  # grouped: the group's won revenue over its leads (_cbo_ratios)
        help="Won revenue divided by all the group's leads, won or not (pools of several "
        "currencies together: in the current company's currency).",
    )
    revenue_sq = fields.Float(readonly=True, aggregator="sum")  # for the interval

    _cbo_ratios = {"revenue_per_lead": ("revenue", "lead_count", 1)}

    def _query(self):
        Event = self.env["crossborder.pool.event"]
        return SQL(
            """
            SELECT DISTINCT ON (e.pool_id, %(drawn)s)
                   e.id AS id,
                   CASE WHEN %(own)s THEN e.lead_id END AS lead_id,
                   CASE WHEN NOT %(own)s THEN e.lead_id END AS merged_into_id,
                   e.pool_id, e.tier_id, e.run_id,
                   p.company_id,  -- the pool's company: a waiting lead may have none
                   c.currency_id,
                   e.date AS draw_date,
                   CASE WHEN e.kind = 'rotation' THEN 'rotated' ELSE 'held_back' END AS arm,
                   o.outcome,
                   1 AS lead_count,
                   (o.outcome = 'won')::int AS won_count,
                   CASE WHEN o.outcome = 'won' THEN 100.0 ELSE 0.0 END AS conversion_rate,
                   w.revenue, w.revenue AS revenue_per_lead, w.revenue * w.revenue AS revenue_sq
              FROM crossborder_pool_event e
              JOIN crossborder_rotation_run r ON r.id = e.run_id AND r.holdback_seed IS NOT NULL
              -- a lead deleted since keeps its draw: left out, the leads a group
              -- lost and deleted would make that group look better
              LEFT JOIN crm_lead l ON l.id = e.lead_id
              JOIN crossborder_lead_pool p ON p.id = e.pool_id
              JOIN res_company c ON c.id = p.company_id
             -- the outcome of the lead drawn: a lead merged into another has none
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN e.lead_id IS NULL THEN 'deleted'
                               WHEN %(own)s THEN l.won_status ELSE 'merged' END AS outcome
                   ) o
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN o.outcome = 'won'
                               THEN coalesce(l.expected_revenue, 0.0) ELSE 0.0 END AS revenue
                   ) w
             WHERE e.kind IN ('rotation', 'hold_back')
          ORDER BY e.pool_id, %(drawn)s, e.date, e.id
            """,
            drawn=Event._recorded_lead_sql("e"),
            own=Event._own_move_sql("e"),
        )
