# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import werkzeug

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk


class CrossborderHelpdeskTicketController(HelpdeskTicketController):
    @http.route(methods=["POST"])
    def support_ticket_close(self, **kw):
        """A customer closes his own ticket from the portal.

        helpdesk_mgmt's route finds the ticket with ``sudo()`` and closes any
        ticket whose number is posted, whoever posts it: here the caller must be
        able to read the ticket. An after-sales ticket without a root cause still
        closes (it is the customer's), and its agent is asked to classify it.
        Only the ticket page's form closes (POST with its CSRF token): a link or
        an image in a message, opened in an agent's browser, closed any ticket
        she may write in her name.
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

    def _prepare_submit_ticket_vals(self, **kw):
        """A ticket from the portal form, filed under one of the categories the form
        offers: helpdesk_mgmt took any category number posted (an internal
        after-sales one, another company's, or any while the company lets customers
        choose none), and the ticket took its CS stage. A company whose customers
        choose none gets the ticket without a category, as its form shows none
        (the agents classify it); one that offers categories refuses another."""
        if not request.env.user.company_id.helpdesk_mgmt_portal_select_category:
            kw.pop("category", None)
        try:
            category_id = int(kw.get("category") or 0)
        except ValueError:
            category_id = -1
        if category_id and category_id not in self._get_categories(**kw).ids:
            raise AccessError(
                request.env._(
                    "This category is not offered on the ticket form: choose one of the "
                    "form's categories."
                )
            )
        return super()._prepare_submit_ticket_vals(**kw)


class CrossborderCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    @http.route()
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        """The customer's page of his ticket.

        helpdesk_mgmt's route gives an access token to every file of the ticket,
        those of the agents' internal notes included, and its page lists them
        all: here only the files the customer may open get a token (see
        ``helpdesk.ticket._cbo_customer_attachments``), and the page lists those.
        """
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._ticket_get_page_view_values(ticket_sudo, access_token, **kw)
        # the template builds the download links with these tokens
        for attachment in values["cbo_customer_attachments"]:
            attachment.generate_access_token()
        return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values)

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        # the ticket comes read as OdooBot: the files are those of the page's viewer
        values["cbo_customer_attachments"] = ticket._cbo_customer_attachments(
            viewer=request.env.user
        )
        # the chatter's token posts as the customer: a colleague's page has none (his
        # chatter reads and posts as himself, logged in)
        if ticket.with_user(request.env.user)._cbo_token_for_caller():
            values["cbo_token"] = ticket.access_token
            return values
        values["cbo_token"] = False
        # nor do the page's previous/next links: portal builds them with the tokens of
        # the neighbouring tickets (read as OdooBot), whoever the viewer is
        for key in ("prev_record", "next_record"):
            if isinstance(values.get(key), str):
                values[key] = values[key].partition("?access_token=")[0]
        return values
