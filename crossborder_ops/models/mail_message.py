# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

# what a message says, who wrote it, to whom, when and where: the evidence
EVIDENCE_FIELDS = frozenset(
    (
        "subject",
        "date",
        "body",
        "attachment_ids",
        "parent_id",
        "model",
        "res_id",
        "message_type",
        "subtype_id",
        "is_internal",
        "email_from",
        "author_id",
        "author_guest_id",
        "partner_ids",
        "incoming_email_to",
        "incoming_email_cc",
        "outgoing_email_to",
        "tracking_value_ids",
        "message_id",
        "reply_to",
        "record_name",
        "email_layout_xmlid",
        "email_add_signature",
    )
)
# what the author changes in his own internal note (the chatter's pencil)
NOTE_FIELDS = frozenset(("body", "attachment_ids", "partner_ids"))


class MailMessage(models.Model):
    """A message on a trial or a ticket is evidence, on every path:
    posted in one's own name (``crossborder.evidence.message.mixin``), dated by the
    system, changed or deleted only as ``_crossborder_check_evidence_change``
    says."""

    _name = "mail.message"
    _inherit = ["mail.message", "crossborder.evidence.message.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        # read before: mail.message takes the tracking lines out of the values
        tracked = [bool(vals.get("tracking_value_ids")) for vals in vals_list]
        messages = super().create(vals_list)
        if not self.env.su and any(tracked) and not self._crossborder_orm_tracking():
            self.browse(
                message.id for message, track in zip(messages, tracked, strict=True) if track
            )._crossborder_check_no_tracking()
        if not self.env.su and not self._crossborder_mail_api_posting():
            messages._crossborder_check_not_written_directly()
        if not self.env.su:
            # a date given, or set through the context's default
            default = self.env.context.get("default_date")
            dated = self.browse(
                message.id
                for message, vals in zip(messages, vals_list, strict=True)
                if vals.get("date") or default
            )
            for model in dated._crossborder_on_evidence().grouped("model"):
                self._crossborder_check_evidence_date(model)
        return messages

    def write(self, vals):
        self._crossborder_check_evidence_change(set(vals))
        named = (
            {message.id: message.partner_ids for message in self.sudo()}
            if "partner_ids" in vals and not self.env.su
            else None
        )
        result = super().write(vals)
        if named is not None:
            for message in self:
                message._crossborder_check_named_later(
                    message.sudo().partner_ids - named[message.id]
                )
        if not self.env.su and {"model", "res_id"}.intersection(vals):
            # moved onto a trial or a ticket: it would appear there, with its date,
            # as written on it
            moved = self._crossborder_on_evidence()
            if moved:
                self._crossborder_refuse_change(moved)
        return result

    def _crossborder_check_named_later(self, added):
        """Someone outside the company named on a message of a trial or a ticket
        after it was written (an edit of one's own note): nothing is sent to him on
        an edit, yet the chatter would show him as a recipient of it."""
        self.ensure_one()
        if self.env.su or not added or not self._crossborder_on_evidence():
            return
        outside = added.sudo().filtered("partner_share")
        if outside:
            raise AccessError(
                self.env._(
                    "%(contact)s is not sent a message that is edited: write a new message to "
                    "reach him.",
                    contact=outside[0].display_name,
                )
            )

    def _crossborder_orm_tracking(self):
        from .crossborder_evidence_thread_mixin import TRACKING_KEY

        return bool(self.env.cr.cache.get(TRACKING_KEY, [0])[0])

    def _crossborder_mail_api_posting(self):
        from .mail_thread import POSTING_KEY

        return bool(self.env.cr.cache.get(POSTING_KEY, [0])[0])

    def _crossborder_check_not_written_directly(self):
        """A message the customer would see (an answer, an e-mail), created on a
        trial or a ticket past the mail API, was never sent: it read as an answer
        the customer never got. Internal notes, which nobody is sent, may be."""
        public = self._crossborder_on_evidence().filtered(
            lambda message: not (message.is_internal or message.subtype_id.internal)
        )
        if public:
            raise AccessError(
                self.env._(
                    "A message on a %(record)s that is not an internal note is sent from its "
                    "chatter: created directly, it would read as sent when nobody received it.",
                    record=self.env["ir.model"].sudo()._get(public[0].model).name,
                )
            )

    def _crossborder_check_no_tracking(self):
        """Tracking lines (old and new stage, the trial's state) are written by the
        ORM when the record changes: a message given its own, or another message's,
        would show a change nobody made, or take a real one away."""
        evidence = self._crossborder_on_evidence()
        if evidence:
            raise AccessError(
                self.env._(
                    "The changes recorded on a %(record)s are written by the system when the "
                    "record changes, not by hand.",
                    record=self.env["ir.model"].sudo()._get(evidence[0].model).name,
                )
            )

    def unlink(self):
        self._crossborder_check_evidence_change()
        return super().unlink()

    @api.model
    def _crossborder_check_evidence_date(self, model):
        if self.env.su:
            return
        raise AccessError(
            self.env._(
                "The date of a message on a %(record)s is the time it was written: it is "
                "not set by hand.",
                record=self.env["ir.model"].sudo()._get(model).name,
            )
        )

    def _crossborder_check_evidence_change(self, fnames=None):
        """Changing (``fnames``: the fields written) or deleting (``None``) messages
        on trials and tickets. A customer's e-mail rewritten ("Thanks, all fine
        now") or deleted with the response clock it started, an answer back-dated,
        a colleague's note reworded: the figures and disputes read them as written.

        - their date is the system's, for everyone;
        - a user changes or deletes only his own internal notes (the pencil and the
          trash of the chatter): an answer went to the customer as it is, the
          record of it stays the same;
        - anything else only a settings administrator (base.group_system) does:
          the neutral role that cleans up (spam, a customer's request to erase his
          data), the same for trials and tickets. Helpdesk managers are not: the
          figures they are measured on are read from these messages.
        """
        if self.env.su:
            return
        if fnames is not None:
            fnames = EVIDENCE_FIELDS.intersection(fnames)
            if not fnames:
                return
        evidence = self._crossborder_on_evidence()
        if not evidence:
            return
        if fnames and "date" in fnames:
            self._crossborder_check_evidence_date(evidence[0].model)
        if self.env.user._is_system():
            return
        partner = self.env.user.partner_id
        if fnames is None or fnames <= NOTE_FIELDS:
            others = evidence.filtered(
                lambda message: message.author_id != partner
                or message.message_type != "comment"
                or not (message.is_internal or message.subtype_id.internal)
                # a note naming the customer was e-mailed to him: sent, it stays
                or message.partner_ids.filtered(
                    lambda p: not (p.user_ids - p.user_ids.filtered("share"))
                )
            )
        else:
            others = evidence
        if others:
            self._crossborder_refuse_change(others)

    def _crossborder_refuse_change(self, others):
        if others:
            raise AccessError(
                self.env._(
                    "The messages on a %(record)s stay as they were written: you may edit "
                    "or delete only your own internal notes. Customers' e-mails, answers "
                    "sent and colleagues' messages are kept; write a new message to add "
                    "or correct something.",
                    record=self.env["ir.model"].sudo()._get(others[0].model).name,
                )
            )
