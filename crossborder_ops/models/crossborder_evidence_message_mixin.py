# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CrossborderEvidenceMessageMixin(models.AbstractModel):
    """Messages written on a record whose chatter is evidence
    (``crossborder.evidence.thread.mixin``: trials, tickets), posted or scheduled,
    through ``message_post`` or created and written directly: they are in the
    caller's own name. Checked once the defaults are applied (a
    ``default_author_id`` in the context is the caller's too); the refusal undoes
    the call."""

    _name = "crossborder.evidence.message.mixin"
    _description = "Messages posted in one's own name on evidence"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        messages._crossborder_check_own_authors()
        return messages

    def write(self, vals):
        result = super().write(vals)
        if {"author_id", "model", "res_id"}.intersection(vals):
            self._crossborder_check_own_authors()
        return result

    def _crossborder_on_evidence(self):
        """The messages of ``self`` on records whose chatter is evidence (read with
        sudo: the caller's own messages, or those he tries to change)."""
        return self.sudo().filtered(
            lambda message: message.model
            and message.model in self.env
            and getattr(self.env[message.model], "_crossborder_evidence", False)
        )

    def _crossborder_check_own_authors(self):
        if self.env.su:
            return
        for model, messages in self._crossborder_on_evidence().grouped("model").items():
            self._crossborder_check_evidence_authors(model, messages.author_id.ids)

    @api.model
    def _crossborder_check_evidence_authors(self, model, author_ids):
        """A user writes on a trial or a ticket in his own name: a note signed as
        the trainee's manager ("Decision: confirm") would read as the decision, an
        answer signed as the customer ("Thanks, all fine now") as the customer's
        word. The mail gateway and the scheduled actions post for others, as the
        system."""
        if self.env.su:
            return
        if any(author != self.env.user.partner_id.id for author in author_ids):
            raise AccessError(
                self.env._(
                    "A message on a %(record)s is posted in your own name, not someone else's.",
                    record=self.env["ir.model"].sudo()._get(model).name,
                )
            )
