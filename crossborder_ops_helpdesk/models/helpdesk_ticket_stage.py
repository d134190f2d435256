# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    require_root_cause = fields.Boolean(
        string="Requires a root cause",
        help="After-sales tickets of teams that require root causes cannot enter this "
        "stage without one. Closed stages require it by default.",
    )
