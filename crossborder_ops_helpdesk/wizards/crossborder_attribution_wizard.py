# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrossborderAttributionWizard(models.TransientModel):
    """The responsible department confirms or disputes the cause of tickets."""

    _name = "crossborder.attribution.wizard"
    _description = "Confirm or dispute an attribution"

    ticket_ids = fields.Many2many("helpdesk.ticket", required=True)
    answer = fields.Selection(
        [("confirm", "We caused it"), ("dispute", "We dispute it")],
        required=True,
        default="confirm",
    )
    note = fields.Text(help="Required to dispute: say which link caused it in your view.")

    def action_apply(self):
        self.ensure_one()
        if self.answer == "confirm":
            self.ticket_ids.action_confirm_attribution(self.note)
        else:
            self.ticket_ids.action_dispute_attribution(self.note)
        return {"type": "ir.actions.act_window_close"}
