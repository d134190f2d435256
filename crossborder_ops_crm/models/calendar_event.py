# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class CalendarEvent(models.Model):
    """A meeting of a lead (scheduled by an earlier owner, or by a manager) has
    the lead's customer among its attendees: while the lead waits in a masking
    pool, its meetings are hidden from the salespeople who must claim it first,
    on every path (the lead's Meetings, searches by opportunity, the attendees,
    contacts searched by their meetings). They stay in the calendars of their
    organizer and attendees, who know the customer already, and come back
    with the lead once it is claimed."""

    _name = "calendar.event"
    _inherit = ["calendar.event", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        Lead = self.env["crm.lead"]
        documents = Lead._pool_masked_documents()
        if documents is None:
            return None
        return (
            (Domain("opportunity_id", "in", Lead._pool_masked_query()) | documents)
            & Domain("user_id", "!=", self.env.uid)
            & Domain("partner_ids", "not in", self.env.user.partner_id.ids)
        )

    @api.model
    def _crossborder_hidden_documents(self, model_field="res_model"):
        """What hangs on the meetings hidden from the current user (their
        messages, activities, files), as a domain on the model and ``res_id`` of
        those records; None when he sees every meeting."""
        hidden = self._crossborder_hidden_domain()
        if hidden is None:
            return None
        # the hidden meetings as the system sees them (the user's own search
        # leaves them out, so that a "not in" of it would hide nothing)
        return Domain(model_field, "=", self._name) & Domain(
            "res_id", "in", self.sudo()._search(hidden)
        )

    def write(self, vals):
        Lead = self.env["crm.lead"]
        lead_ids = [vals["opportunity_id"]] if vals.get("opportunity_id") else []
        Lead._pool_check_attach(lead_ids + Lead._pool_document_leads(vals, self))
        return super().write(vals)

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This meeting belongs to a lead waiting in the pool: claim the lead to see it."
        )
