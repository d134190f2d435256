# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMove(models.Model):
    _inherit = "account.move"

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        copy=False,
        check_company=True,
        tracking=True,
        help="The customer-service ticket this credit note settles: once posted, its "
        "untaxed amount counts in the ticket's cost of the problem.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["helpdesk.ticket"]._check_can_link(
            [vals.get("helpdesk_ticket_id") for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("helpdesk_ticket_id"):
            self.env["helpdesk.ticket"]._check_can_link([vals["helpdesk_ticket_id"]])
        return super().write(vals)

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
