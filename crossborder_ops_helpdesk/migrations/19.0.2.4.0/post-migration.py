# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    """Tickets created closed get their closing date. Tickets closed before
    'Closed by' existed (in a closed stage, or closed once: a closing date, or
    reopened since) get one: who closed them was not recorded, so the reopen
    rate counts them for their current agent, as the trial measure counted them
    until now."""
    # tickets in a closed stage without a closing date were created closed (OCA
    # stamps the date on a move to a closed stage only): closed when created
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET closed_date = t.create_date, resolution_hours = 0
              FROM helpdesk_ticket_stage s
             WHERE s.id = t.stage_id AND s.closed AND t.closed_date IS NULL
            """
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET closed_by_id = t.user_id
              FROM helpdesk_ticket_stage s
             WHERE s.id = t.stage_id
               AND t.closed_by_id IS NULL
               AND t.user_id IS NOT NULL
               AND (s.closed OR t.closed_date IS NOT NULL OR coalesce(t.reopen_count, 0) > 0)
            """
        )
    )
    _revoke_internal_attachment_tokens(cr)


def _revoke_internal_attachment_tokens(cr):
    """The customer's ticket page gave an access token to every file of the
    ticket, the agents' internal notes included: the links it showed keep
    working without logging in. Revoke the tokens of the files the customer may
    not open (the page makes new ones for those he may)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    attachments = env["ir.attachment"].search(
        [("res_model", "=", "helpdesk.ticket"), ("access_token", "!=", False)]
    )
    tickets = (
        env["helpdesk.ticket"]
        .with_context(active_test=False)
        .browse(set(attachments.mapped("res_id")))
        .exists()
    )
    # as an anonymous visitor: only the customer's own uploads count as his
    visitor = env.ref("base.public_user")
    visible = env["ir.attachment"]
    for ticket in tickets.with_user(visitor):
        visible |= ticket._cbo_customer_attachments()
    (attachments - visible).write({"access_token": False})
