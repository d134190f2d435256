# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketSla(models.Model):
    """Count an SLA on its own clock when it has one (OCA helpdesk_mgmt_sla uses
    the team's working hours for every SLA)."""

    _inherit = "helpdesk.ticket.sla"

    def _sla_calendar(self):
        self.ensure_one()
        return self.sla_id.resource_calendar_id or self.ticket_id.team_id.resource_calendar_id

    @api.depends("sla_id")
    def _compute_sla_data(self):
        result = super()._compute_sla_data()
        for record in self.filtered("sla_id.resource_calendar_id"):
            calendar = record.sla_id.resource_calendar_id
            record.hours = record.sla_id.hours + calendar.hours_per_day * record.sla_id.days
        return result

    @api.depends("hours", "consumed_time", "ticket_id", "last_state_date", "state")
    def _compute_deadline(self):
        own_clock = self.filtered("sla_id.resource_calendar_id")
        result = super(HelpdeskTicketSla, self - own_clock)._compute_deadline()
        for record in own_clock:
            if record.state in ["accomplished", "expired"] and record.deadline:
                continue
            start = record.last_state_date or record.ticket_id.create_date or fields.Datetime.now()
            record.deadline = record.sla_id.resource_calendar_id.plan_hours(
                record.hours - record.consumed_time, start, compute_leaves=True
            )
        return result
