# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The closing stages still on helpdesk's own "ticket closed" e-mail, which
    greets the agent by name, send the customer's instead (a template a manager
    chose stays)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    former = env.ref("helpdesk_mgmt.closed_ticket_template", raise_if_not_found=False)
    ours = env.ref("crossborder_ops_helpdesk.mail_template_ticket_closed")
    if former:
        stages = env["helpdesk.ticket.stage"].with_context(active_test=False)
        stages.search([("mail_template_id", "=", former.id)]).mail_template_id = ours
