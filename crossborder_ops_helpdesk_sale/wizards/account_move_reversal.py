# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveReversal(models.TransientModel):
    """Odoo's credit-note flow, opened from a ticket: the credit note it creates is
    linked to the ticket (its cost of the problem)."""

    _inherit = "account.move.reversal"

    helpdesk_ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", check_company=True)

    def _prepare_default_reversal(self, move):
        values = super()._prepare_default_reversal(move)
        if self.helpdesk_ticket_id and move.move_type == "out_invoice":
            values["helpdesk_ticket_id"] = self.helpdesk_ticket_id.id
        return values
