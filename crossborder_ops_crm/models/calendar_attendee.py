# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class CalendarAttendee(models.Model):
    """The attendees of a hidden meeting (see calendar.event) are its customer:
    hidden with it."""

    _name = "calendar.attendee"
    _inherit = ["calendar.attendee", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["calendar.event"]._crossborder_hidden_domain()
        if hidden is None:
            return None
        # the hidden meetings as the system sees them (the user's own search
        # leaves them out, so that a "not in" of it would hide nothing)
        return Domain("event_id", "in", self.env["calendar.event"].sudo()._search(hidden))

    def _crossborder_hidden_reason(self):
        return self.env["calendar.event"]._crossborder_hidden_reason()
