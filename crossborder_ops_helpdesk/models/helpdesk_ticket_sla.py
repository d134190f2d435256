# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from ..monitor.response import sla_line


class HelpdeskTicketSla(models.Model):
    """Count an SLA on its own clock when it has one (OCA helpdesk_mgmt_sla uses
    the team's working hours for every SLA).

    A marketplace rule (an SLA with a channel) is not about stages: it follows
    the response clocks of the ticket's buyer messages
    (``crossborder.buyer.message``). Reaching a stage, or leaving it, changes
    nothing; the agent's reply to the buyer or "no response needed" does.
    Business-hours SLAs (without channel) keep OCA's stage semantics, their time
    on hold paused on the SLA's own clock."""

    _name = "helpdesk.ticket.sla"
    _inherit = ["helpdesk.ticket.sla", "crossborder.system.owned.mixin"]
    # the clock's figures: the ticket's stage and the buyer messages move them, an
    # agent does not (an expired line set to "accomplished" would hide a breach)
    # which rule and which ticket a line counts for are the system's too: moved to
    # another rule or ticket, a breached line would turn green or blame a colleague
    _cbo_system_fields = frozenset(
        {"state", "deadline", "consumed_time", "last_state_date", "sla_id", "ticket_id"}
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # the tickets make their lines from the SLA rules (see helpdesk.ticket)
            raise AccessError(
                self.env._("SLA lines are made by the system from the SLA rules of the team.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        return super().write(vals)

    @api.model
    def _search(self, domain, *args, **kwargs):
        # a line shows its ticket's title and clock: it is found by those who may
        # read the ticket (OCA gives read to every user and to portal customers,
        # and checks the ticket only when a line is read by id)
        if not self.env.su:
            tickets = self.env["helpdesk.ticket"].with_context(active_test=False)._search([])
            domain = Domain.AND([domain, [("ticket_id", "in", tickets)]])
        return super()._search(domain, *args, **kwargs)

    def _sla_calendar(self):
        self.ensure_one()
        return self.sla_id.resource_calendar_id or self.ticket_id.team_id.resource_calendar_id

    @api.depends("sla_id")
    def _compute_sla_data(self):
        result = super()._compute_sla_data()
        for record in self.filtered("sla_id.resource_calendar_id"):
            calendar = record.sla_id.resource_calendar_id
            record.hours = record.sla_id.hours + calendar.hours_per_day * record.sla_id.days
        marketplace = self.filtered("sla_id.channel_id")
        for record, (state, _deadline) in marketplace._buyer_message_summary().items():
            record.state = state
        return result

    @api.depends("hours", "consumed_time", "ticket_id", "last_state_date", "state")
    def _compute_deadline(self):
        own_clock = self.filtered(lambda r: r.sla_id.resource_calendar_id or r.sla_id.channel_id)
        result = super(HelpdeskTicketSla, self - own_clock)._compute_deadline()
        summary = self.filtered("sla_id.channel_id")._buyer_message_summary()
        for record in own_clock:
            deadline = summary.get(record, (None, None))[1]
            if deadline:
                record.deadline = deadline
                continue
            if record.state in ["accomplished", "expired"] and record.deadline:
                continue
            start = record.last_state_date or record.ticket_id.create_date or fields.Datetime.now()
            record.deadline = record._sla_calendar().plan_hours(
                record.hours - record.consumed_time, start, compute_leaves=True
            )
        return result

    def _stage_recompute(self):
        self.ensure_one()
        # OCA calls it from the ticket's write, as the user who moved the ticket
        # (his write right was checked there); the clock it moves is the system's
        return self.sudo()._stage_recompute_clock()

    def _stage_recompute_clock(self):
        if self.sla_id.channel_id:
            # marketplaces score answers to buyers, not stages: dragging the card
            # to "In Progress" must not turn the rule green
            self._follow_buyer_messages()
            return
        own = self.sla_id.resource_calendar_id
        team = self.ticket_id.team_id.resource_calendar_id
        if own and team and own != team and self.state == "in_progress" and self.last_state_date:
            # OCA adds the time spent in progress counted on the team's hours;
            # this SLA runs on its own clock: count it there (the pause of a
            # stage on hold then starts from the right consumed time)
            now = fields.Datetime.now()
            self.consumed_time += own.get_work_hours_count(
                self.last_state_date, now, compute_leaves=True
            ) - team.get_work_hours_count(self.last_state_date, now, compute_leaves=True)
        return super()._stage_recompute()

    # ------------------------------------------------------------------
    def _buyer_message_summary(self):
        """{SLA line: (state, deadline)} of marketplace lines, from the clocks of
        their tickets' buyer messages (one grouped read for all lines)."""
        if not self:
            return {}
        deadlines = {}
        for ticket, state, earliest, latest in (
            self.env["crossborder.buyer.message"]
            .sudo()  # the lines are the system's view of clocks the caller may not read
            ._read_group(
                [("ticket_id", "in", self.ticket_id.ids)],
                ["ticket_id", "state"],
                ["deadline:min", "deadline:max"],
            )
        ):
            deadlines.setdefault(ticket.id, {})[state] = (earliest, latest)
        return {record: sla_line(deadlines.get(record.ticket_id.id, {})) for record in self}

    def _follow_buyer_messages(self):
        """Write the state and deadline of marketplace lines from their clocks."""
        summary = self.filtered("sla_id.channel_id")._buyer_message_summary()
        groups = {}
        for record, (state, deadline) in summary.items():
            values = {"state": state}
            if deadline:
                values["deadline"] = deadline
            if any(record[name] != value for name, value in values.items()):
                groups.setdefault(tuple(sorted(values.items())), self.browse())
                groups[tuple(sorted(values.items()))] |= record
        for values, records in groups.items():
            # system-owned: the clocks decide, whoever triggered the change
            records.sudo().write(dict(values))
        return True
