# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import html2plaintext


class CrossborderAttributionWizard(models.TransientModel):
    """The responsible department confirms or disputes the cause of tickets; a
    helpdesk manager keeps a cause over the department's dispute, in his name."""

    _name = "crossborder.attribution.wizard"
    _description = "Confirm or dispute an attribution"

    ticket_ids = fields.Many2many("helpdesk.ticket", required=True)
    answer = fields.Selection(selection="_selection_answer", required=True, default="confirm")
    note = fields.Text(
        help="Required to dispute: say which link caused it in your view. Required to keep "
        "a disputed cause: say why customer service keeps it (the department's note stays)."
    )
    answered_causes = fields.Json(
        compute="_compute_answered_causes",
        store=True,
        readonly=False,
        help="What each ticket's answer is for, as the window opened ({ticket id: its cause, "
        "and the supplier, carrier or packer it names}): refused for a ticket reclassified "
        "or blamed on another meanwhile.",
    )
    summary = fields.Html(
        string="Tickets",
        compute="_compute_summary",
        sanitize=False,  # built from escaped values below
        help="Each ticket's cause and what the customer wrote.",
    )

    @api.model
    def _selection_answer(self):
        """The department's two answers; a helpdesk manager also keeps a disputed cause
        (the others are not offered what they may not choose)."""
        confirm = self.env._("We caused it")
        dispute = self.env._("We dispute it")
        keep = self.env._("Keep the cause over the dispute")
        answers = [("confirm", confirm), ("dispute", dispute), ("keep", keep)]
        return answers if self.env["helpdesk.ticket"]._is_helpdesk_manager() else answers[:2]

    @api.model_create_multi
    def create(self, vals_list):
        default = self.env.context.get("default_answer")  # a client's key, checked too
        if any(vals.get("answer", default) == "keep" for vals in vals_list):
            # in plain words before the choice is refused as unknown
            self.env["helpdesk.ticket"]._check_keeps_attribution()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("answer") == "keep":
            self.env["helpdesk.ticket"]._check_keeps_attribution()
        return super().write(vals)

    @api.depends("ticket_ids")
    def _compute_answered_causes(self):
        for wizard in self:
            # the screen's onchange holds new records: the tickets' and causes' own ids
            wizard.answered_causes = {
                str(ticket._origin.id): ticket._origin._attribution_answered_for()
                for ticket in wizard.ticket_ids
            }

    @api.depends("ticket_ids")
    def _compute_summary(self):
        for wizard in self:
            wizard.summary = Markup("").join(
                Markup(
                    "<div class='mb-3'><strong>%s</strong><br/>%s: %s<br/>%s"
                    "<blockquote class='text-muted border-start ps-2 mb-0'>%s</blockquote></div>"
                )
                % (
                    ticket.display_name,
                    self.env._("Cause"),
                    ticket.root_cause_id.complete_name or "-",
                    Markup("%s<br/>") % blamed if (blamed := ticket._attribution_blamed()) else "",
                    html2plaintext(ticket.description or "")
                    or self.env._("The customer's message is empty."),
                )
                for ticket in wizard.ticket_ids
            )

    def action_apply(self):
        self.ensure_one()
        causes = self.answered_causes or {}
        if self.answer == "confirm":
            self.ticket_ids.action_confirm_attribution(self.note, causes=causes)
        elif self.answer == "keep":
            self.ticket_ids.action_keep_attribution(self.note, causes=causes)
        else:
            self.ticket_ids.action_dispute_attribution(self.note, causes=causes)
        return {"type": "ir.actions.act_window_close"}
