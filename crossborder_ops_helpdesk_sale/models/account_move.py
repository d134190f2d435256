# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "crossborder.ticket.link.mixin"]

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        copy=False,
        check_company=True,
        tracking=True,
        # which ticket a credit note settles is the company's, not the customer's
        # reading his credit notes on the portal
        groups="base.group_user",
        help="The customer-service ticket this credit note settles: once posted, its "
        "untaxed amount counts in the ticket's cost of the problem.",
    )

    @api.constrains("helpdesk_ticket_id", "move_type")
    def _check_helpdesk_ticket(self):
        for move in self:
            if move.helpdesk_ticket_id and move.move_type != "out_refund":
                raise ValidationError(
                    self.env._(
                        "Only customer credit notes are linked to a ticket (%(move)s is not one).",
                        move=move.display_name,
                    )
                )

    @api.constrains("reversed_entry_id")
    def _check_still_its_refund(self):
        # a refund of the ticket's order made to reverse another invoice
        self._check_ticket_customer()

    @api.constrains("state")
    def _check_not_revived_on_duplicate(self):
        """A credit note cancelled before its ticket was marked as a duplicate stays
        cancelled: reset to draft and posted again, it refunded a ticket without a
        cause (the refund left the cost of problems)."""
        # sudo: which ticket a credit note settles, read to check it is no duplicate
        live = self.sudo().filtered(lambda m: m.helpdesk_ticket_id and m.state != "cancel")
        if live:
            self.env["helpdesk.ticket"]._check_cost_not_on_duplicate(live.helpdesk_ticket_id.ids)
