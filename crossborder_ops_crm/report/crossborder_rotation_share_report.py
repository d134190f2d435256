# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrossborderRotationShareReport(models.Model):
    """What rotation gave each salesperson, run after run: one line per rotated
    lead, with the value it carries (expected revenue × probability). Fairness
    across runs, per salesperson per month, not only within one run."""

    _name = "crossborder.rotation.share.report"
    _inherit = ["crossborder.report.view"]
    _description = "Leads and value each salesperson received from rotation"
    _auto = False
    _rec_name = "lead_id"
    _order = "date desc"

    date = fields.Datetime(string="Rotated on", readonly=True)
    pool_id = fields.Many2one("crossborder.lead.pool", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    tier_id = fields.Many2one("crossborder.sales.tier", readonly=True)
    lead_id = fields.Many2one(
        "crm.lead", readonly=True, help="The lead handed out (empty once merged into another)."
    )
    merged_into_id = fields.Many2one(
        "crm.lead",
        string="Merged into",
        readonly=True,
        help="The lead handed out was later merged into this one, whose value counts on "
        "its own line.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    # the pool's company's: pools of companies in other currencies are converted
    # when read together (Odoo's sum_currency), not added up as one currency
    currency_id = fields.Many2one("res.currency", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True, aggregator="sum")
    value = fields.Monetary(
        string="Expected value",
        readonly=True,
        aggregator="sum",
        help="Expected revenue × probability of the lead today (none for a lead since "
        "merged into another: its value is counted on that lead), in its pool's company's "
        "currency; pools of several currencies together, in the current company's.",
    )

    def _query(self):
        own = self.env["crossborder.pool.event"]._own_move_sql("e")
        return SQL(
            """
            SELECT e.id, e.date, e.pool_id, e.to_user_id AS user_id, e.tier_id,
                   CASE WHEN %(own)s THEN e.lead_id END AS lead_id,
                   CASE WHEN NOT %(own)s THEN e.lead_id END AS merged_into_id,
                   p.company_id, c.currency_id, 1 AS lead_count,
                   -- a lead merged into another (its move names it by number): its
                   -- value is the other lead's, counted on that lead's own line
                   CASE WHEN %(own)s THEN coalesce(l.prorated_revenue, 0.0) ELSE 0.0 END AS value
              FROM crossborder_pool_event e
              -- a lead deleted since was still handed out (no value left)
              LEFT JOIN crm_lead l ON l.id = e.lead_id
              JOIN crossborder_lead_pool p ON p.id = e.pool_id  -- the pool's company
              JOIN res_company c ON c.id = p.company_id
             WHERE e.kind = 'rotation' AND e.to_user_id IS NOT NULL
            """,
            own=own,
        )
