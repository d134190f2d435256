# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
        help="Applies only to tickets of this marketplace or channel. Such a rule is not "
        "met by reaching a stage: each buyer message must be answered (a reply to the "
        "buyer, not a note) within the hours, or marked 'no response needed'.",
    )
    reminder_hours = fields.Integer(
        string="Remind the agent (hours before)",
        default=4,
        help="For rules with a channel: the ticket's agent gets an activity this many "
        "hours before a buyer message's deadline, if it is still unanswered. 0: no reminder.",
    )
    marketplace_rule = fields.Text(
        translate=True,
        help="The marketplace's own words, for agents (e.g. auto-replies do not count).",
        string="Marketplace rule",
    )

    @api.constrains("days", "hours", "reminder_hours")
    def _check_hours(self):
        """Deadlines and reminders a date can say: a reminder of a billion
        hours broke the clock of every buyer message of the channel, and the
        mail gateway refused the messages (outside audit 66)."""
        for sla in self:
            if not (
                0 <= sla.days <= 365
                and 0 <= sla.hours <= 24 * 365
                and 0 <= sla.reminder_hours <= 720
            ):
                raise ValidationError(
                    self.env._(
                        "SLA %(sla)s: a deadline of 0 to 365 days and 0 to 8,760 hours, and a "
                        "reminder 0 to 720 hours (30 days) before it.",
                        sla=sla.name,
                    )
                )

    def _response_calendar(self, team):
        self.ensure_one()
        return self.resource_calendar_id or team.resource_calendar_id

    def _response_deadline(self, received, team):
        """When a buyer message received at ``received`` must be answered: the
        rule's hours counted on its own clock (the team's hours when it has none).
        Marketplace rules (with a channel) count public holidays too, as the
        marketplaces do; the company's rules skip them."""
        self.ensure_one()
        calendar = self._response_calendar(team)
        hours = self.hours + calendar.hours_per_day * self.days
        deadline = calendar.plan_hours(hours, received, compute_leaves=not self.channel_id)
        # a day's attendance ends at 23:59:59.999999: keep whole seconds
        return deadline and (deadline + timedelta(microseconds=500000)).replace(microsecond=0)
