# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

INVITATION = "crossborder.skill.test.invitation"


class MailComposeMessage(models.TransientModel):
    """The composer on trials and tickets (``crossborder.evidence.thread.mixin``)
    sends in the caller's own name; on skill tests sent to applicants, it is for
    those who send tests."""

    _inherit = "mail.compose.message"

    @api.model_create_multi
    def create(self, vals_list):
        composers = super().create(vals_list)
        composers._crossborder_check_test_sender()
        return composers

    def write(self, vals):
        result = super().write(vals)
        self._crossborder_check_test_sender()
        return result

    @api.depends("composition_mode", "email_from", "model", "res_domain", "res_ids", "template_id")
    def _compute_authorship(self):
        # a template's sender (the company's address) would make the company, or
        # whoever has that address, the author: the e-mail still leaves from the
        # template's address, the chatter shows who sent it
        super()._compute_authorship()
        if self.env.su:
            return
        for composer in self.filtered(lambda c: c._crossborder_on_evidence()):
            composer.author_id = self.env.user.partner_id

    def _prepare_mail_values(self, res_ids):
        """The composer's mass mode (a template's action on a list, the API) e-mails each record's
        recipients, and its message says neither what it is nor to whom: on
        evidence, a user's message (not an automatic e-mail of a stage, which
        comes as ``auto_comment``) is recorded as the message it is, public,
        with the recipients it went to, as the same message sent from the
        chatter would be."""
        self._crossborder_check_test_sender(res_ids)
        values = super()._prepare_mail_values(res_ids)
        if self.reply_to and self._crossborder_on_evidence():  # a reply-to chosen
            self.env["mail.message"]._crossborder_check_evidence_reply_to(
                self.model, [mail_values.get("reply_to") for mail_values in values.values()]
            )
        if (
            self.composition_mode == "mass_mail"
            and self.message_type == "comment"
            and not self.subtype_id.internal
            and self._crossborder_on_evidence()
        ):
            subtype = self.subtype_id or self.env.ref("mail.mt_comment")
            for mail_values in values.values():
                mail_values["subtype_id"] = subtype.id
                mail_values["partner_ids"] = list(mail_values.get("recipient_ids") or [])
                # kept once the e-mail is sent and deleted, whatever the composer's
                # "keep a log" says: the answer stays on record
                mail_values["is_notification"] = True
        return values

    def _action_send_mail(self, auto_commit=False):
        # mass mode writes its e-mails in sudo, past the messages' own check
        Message = self.env["mail.message"]
        for composer in self.filtered(lambda c: c._crossborder_on_evidence()):
            Message._crossborder_check_evidence_authors(composer.model, [composer.author_id.id])
            Message._crossborder_check_evidence_senders(composer.model, [composer.email_from])
        return super()._action_send_mail(auto_commit=auto_commit)

    def _crossborder_check_test_sender(self, res_ids=None):
        """A skill test's messages are written by those who send tests (write access
        on it), both modes: the composer renders its template in sudo, and the
        invitation's template carries the applicant's personal link, his key to the
        test. In mass mode an interviewer (who reads the test to grade it) got the
        link in a message of her own, and sent a waiting test to the applicant
        again. Checked on the composer (create, write) and on the records it
        writes to (``_prepare_mail_values``: send and schedule)."""
        if self.env.su:
            return
        # sudo: the template's model, whoever may read the template
        on_tests = self.filtered(lambda c: INVITATION in (c.model, c.sudo().template_id.model))
        if not on_tests:
            return
        ids = (
            list(res_ids)
            if res_ids is not None
            else [res_id for composer in on_tests for res_id in composer._evaluate_res_ids()]
        )
        invitations = self.env[INVITATION].browse(ids)
        if not invitations.has_access("write"):
            raise AccessError(
                self.env._(
                    "Only those who send skill tests (recruitment officers) write to an "
                    "applicant about his test: its e-mail carries his personal link to the "
                    "test."
                )
            )

    def _crossborder_on_evidence(self):
        self.ensure_one()
        return bool(
            self.model
            and self.model in self.env
            and getattr(self.env[self.model], "_crossborder_evidence", False)
        )
