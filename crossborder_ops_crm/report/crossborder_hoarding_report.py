# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrossborderHoardingReport(models.Model):
    """Leads held versus leads actually followed up, per salesperson and team.

    The seed: veterans accumulate customers but "due to limited energy, some
    customers failed to receive effective follow-up". A lead counts as followed
    up when it had real progress within half of its pool's follow-up clock.
    """

    _name = "crossborder.hoarding.report"
    _inherit = ["crossborder.report.view", "crossborder.ratio.mixin"]
    _description = "Hoarding index per salesperson"
    _auto = False
    _order = "hoarding_index desc"

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    held_count = fields.Integer(string="Leads held", readonly=True, aggregator="sum")
    followed_count = fields.Integer(string="Followed up", readonly=True, aggregator="sum")
    idle_count = fields.Integer(string="Idle", readonly=True, aggregator="sum")
    hoarding_index = fields.Float(
        string="Hoarding index (%)",
        readonly=True,
        aggregator="avg",  # grouped: idle over held of the group (_cbo_ratios)
        help="Share of the held leads without recent follow-up. 0: every lead is "
        "worked; 100: none is.",
    )

    # a group's index is its idle leads over its held leads: the mean of the
    # salespeople's percentages weighs one holding two leads as much as one holding twenty
    _cbo_ratios = {"hoarding_index": ("idle_count", "held_count", 100)}

    def _query(self):
        return SQL(
            """
            SELECT row_number() OVER (ORDER BY l.user_id, l.team_id, l.company_id) AS id,
                   l.user_id, l.team_id, l.company_id,
                   count(*) AS held_count,
                   count(*) FILTER (WHERE l.recent) AS followed_count,
                   count(*) FILTER (WHERE NOT l.recent) AS idle_count,
                   round(100.0 * count(*) FILTER (WHERE NOT l.recent) / count(*), 1)
                       AS hoarding_index
              FROM (SELECT lead.user_id, lead.team_id,
                           p.company_id,  -- a pool's lines belong to the pool's company
                           coalesce(lead.last_progress_date, lead.date_open, lead.create_date)
                             >= now() at time zone 'UTC'
                                - make_interval(
                                    days => greatest(coalesce(p.followup_days, 14) / 2, 1))
                             AS recent
                      FROM crm_lead lead
                      JOIN crossborder_lead_pool p  -- only leads a pool governs
                        ON p.id = lead.pool_id
                     WHERE lead.user_id IS NOT NULL AND lead.active
                       AND lead.won_status = 'pending') l
          GROUP BY l.user_id, l.team_id, l.company_id
            """
        )
