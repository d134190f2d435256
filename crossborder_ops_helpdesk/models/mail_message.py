# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Domain


class MailMessage(models.Model):
    """The company's notes on customer-service records stay the company's: a
    customer (a portal user, a visitor with the ticket's link) reads his ticket's
    messages, not the agents' notes nor the system's (a department's dispute or
    confirmation, "replacement delivery created", a buyer message marked 'no
    response needed'), whatever their message type.

    Odoo leaves the customer's lists and searches without them (its own
    ``_get_search_domain_share``), but reads by id only the notes typed in the
    chatter ("comment"): those posted by code or over the API are notifications,
    and whoever reads the record read them by their (sequential) ids."""

    _inherit = "mail.message"

    @api.model
    def _cbo_staff_only_models(self):
        """The records whose notes no customer reads, even one who reads the
        record itself: tickets (the sales addon adds what a ticket's cost is made
        of)."""
        return {"helpdesk.ticket"}

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if operation not in ("read", "create") or self.env.user._is_internal():
            return forbidden
        return forbidden | (self - forbidden)._cbo_staff_notes()

    def _cbo_staff_notes(self):
        """The messages of ``self`` that are notes (or internal) on the records of
        ``_cbo_staff_only_models``: what Odoo's own search hides from customers."""
        if not self:
            return self
        # sudo: the messages' own model and flags, read to keep them from the caller
        notes = (
            self.sudo()
            .filtered_domain(
                Domain("model", "in", list(self._cbo_staff_only_models()))
                & ~self._get_search_domain_share()
            )
            .ids
        )
        return self.browse(notes)
