# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskSla(models.Model):
    """Marketplace response rules are SLAs that run round the clock (e.g. Amazon:
    answer buyer messages within 24 hours, weekends and holidays included), next to
    the company's business-hours SLA of the team."""

    _inherit = "helpdesk.sla"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Clock",
        help="Hours the SLA counts. Empty: the team's working hours. Marketplace rules "
        "use a round-the-clock calendar.",
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        help="Applies only to tickets of this marketplace or channel.",
    )
    marketplace_rule = fields.Text(
        translate=True,
        help="The marketplace's own words, for agents (e.g. auto-replies do not count).",
    )
