# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize


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
        if {"author_id", "email_from", "model", "res_id"}.intersection(vals):
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
            # an empty author is not one's own name: the chatter then shows the
            # sender's address, which may be anyone's
            self._crossborder_check_evidence_authors(
                model, [message.author_id.id for message in messages]
            )
            if "email_from" in messages._fields:
                self._crossborder_check_evidence_senders(model, messages.mapped("email_from"))

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
            self._crossborder_refuse_other_author(model)

    @api.model
    def _crossborder_check_evidence_senders(self, model, email_froms):
        """The sender's address of a message on a trial or a ticket is one's own,
        the company's or an alias's, not a customer's or a colleague's: shown as
        the sender (in the chatter, on the e-mail that goes out), it would make
        the customer say "all fine, please close"."""
        if self.env.su:
            return
        emails = {email_normalize(email_from) for email_from in email_froms if email_from}
        emails -= {False, None, email_normalize(self.env.user.email or "")}
        if not emails:
            return
        # sudo: whose address it is, whoever may read that contact
        mine = self.env["res.company"].sudo().search([]).partner_id | self.env.user.partner_id
        others = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [("email_normalized", "in", list(emails)), ("id", "not in", mine.ids)], limit=1
            )
        )
        if others:
            self._crossborder_refuse_other_author(model)

    @api.model
    def _crossborder_refuse_other_author(self, model):
        raise AccessError(
            self.env._(
                "A message on a %(record)s is posted in your own name, not someone else's.",
                record=self.env["ir.model"].sudo()._get(model).name,
            )
        )
