# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize, email_split


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
        the company's or an alias's, not a customer's, a colleague's or anyone
        else's: shown as the sender (in the chatter, on the e-mail that goes out,
        which the customer answers), it would make the customer say "all fine,
        please close", or send his answer away from the ticket."""
        if self.env.su:
            return
        emails = {email_normalize(email_from) for email_from in email_froms if email_from}
        emails -= {False, None}
        if emails - self._crossborder_sender_addresses(emails):
            self._crossborder_refuse_other_author(model)

    @api.model
    def _crossborder_check_evidence_reply_to(self, model, reply_tos):
        """A reply-to chosen for a message on a trial or a ticket is the
        company's or an alias's: the customer's answer comes back to the record
        (where it reopens a closed ticket and starts a response clock), not to an
        address of the sender's choosing, his own included."""
        if self.env.su:
            return
        emails = {
            email_normalize(email) for value in reply_tos for email in email_split(value or "")
        }
        emails -= {False, None}
        others = emails - self._crossborder_sender_addresses(emails, own=False)
        if others:
            raise AccessError(
                self.env._(
                    "Replies to a message on a %(record)s come back to it: %(address)s is "
                    "not an address of the company or of an alias.",
                    record=self.env["ir.model"].sudo()._get(model).name,
                    address=sorted(others)[0],
                )
            )

    @api.model
    def _crossborder_sender_addresses(self, emails, own=True):
        """Those of ``emails`` (normalized) a user may send from: his own (unless
        ``own`` is false), a company's, and the aliases' (catch-all, bounce,
        default sender, and each alias of a team or a document)."""
        # sudo: the company's own addresses, whoever may read its settings
        companies = self.env["res.company"].sudo().search([])
        domains = self.env["mail.alias.domain"].sudo().search([])
        aliases = self.env["mail.alias"].sudo().search([("alias_full_name", "in", list(emails))])
        return {
            email_normalize(address or "")
            for address in [
                self.env.user.email if own else False,
                *companies.mapped("email"),
                *domains.mapped("catchall_email"),
                *domains.mapped("bounce_email"),
                *domains.mapped("default_from_email"),
                *aliases.mapped("alias_full_name"),
            ]
        }

    @api.model
    def _crossborder_refuse_other_author(self, model):
        raise AccessError(
            self.env._(
                "A message on a %(record)s is posted in your own name, not someone else's.",
                record=self.env["ir.model"].sudo()._get(model).name,
            )
        )
