# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_ticket_category import CS_STAGES


class HelpdeskTicketTeam(models.Model):
    """The seed (001): large stores split customer service into pre-sales,
    in-sales and after-sales (2-6 agents); small ones need 1-2 agents."""

    _inherit = "helpdesk.ticket.team"

    pre_sales_user_ids = fields.Many2many(
        "res.users", "crossborder_team_pre_sales_rel", string="Pre-sales agents"
    )
    in_sales_user_ids = fields.Many2many(
        "res.users", "crossborder_team_in_sales_rel", string="In-sales agents"
    )
    after_sales_user_ids = fields.Many2many(
        "res.users", "crossborder_team_after_sales_rel", string="After-sales agents"
    )
    require_root_cause = fields.Boolean(
        string="Root cause to close after-sales tickets",
        default=True,
        help="After-sales tickets need a root cause before they reach a closed stage "
        "(or a stage marked 'Requires a root cause').",
    )

    def _agents_for(self, cs_stage):
        self.ensure_one()
        return {
            "pre_sales": self.pre_sales_user_ids,
            "in_sales": self.in_sales_user_ids,
            "after_sales": self.after_sales_user_ids,
        }.get(cs_stage, self.env["res.users"])

    def _cs_stages(self):
        return CS_STAGES
