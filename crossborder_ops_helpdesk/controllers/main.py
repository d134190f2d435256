# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import werkzeug

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class CrossborderHelpdeskTicketController(HelpdeskTicketController):
    @http.route()
    def support_ticket_close(self, **kw):
        """A customer closes his own ticket from the portal.

        helpdesk_mgmt's route finds the ticket with ``sudo()`` and closes any
        ticket whose number is posted, whoever posts it: here the caller must be
        able to read the ticket. An after-sales ticket without a root cause still
        closes (it is the customer's), and its agent is asked to classify it.
        """
        try:
            ticket_id = int(kw.get("ticket_id") or 0)
            stage_id = int(kw.get("stage_id") or 0)
        except ValueError:
            return request.redirect("/my")
        ticket = request.env["helpdesk.ticket"].browse(ticket_id).exists()
        try:
            ticket.ensure_one()
            ticket.check_access("read")
        except (AccessError, MissingError, ValueError):
            return request.redirect("/my")
        stage = request.env["helpdesk.ticket.stage"].sudo().browse(stage_id).exists()
        if stage.close_from_portal:  # protect against invalid target stage request
            if request.env.user._is_internal():
                # employees close tickets in the back office, through the close gate
                ticket.stage_id = stage
            else:
                ticket._close_by_customer(stage)
        return werkzeug.utils.redirect(f"/my/ticket/{ticket.id}")
