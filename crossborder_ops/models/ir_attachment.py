# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# what an attachment is: its content and the record it belongs to
CONTENT_FIELDS = frozenset(
    (
        "datas",
        "raw",
        "db_datas",
        "store_fname",
        "url",
        "type",
        "name",
        "res_model",
        "res_id",
        # what it is, who sees it, and whether the record's files list it
        "mimetype",
        "public",
        "description",
        "res_field",
        # a token opens it to anyone without a login; what search finds in it; its source
        "access_token",
        "index_content",
        "original_id",
    )
)


class IrAttachment(models.Model):
    """The files of a message on a trial or a ticket (the customer's photo of the
    broken product, the label sent with an answer) are part of it: changed or
    deleted as the message may be (``mail.message._crossborder_check_evidence_change``);
    the files added to the record itself, outside any message, stay free."""

    _inherit = "ir.attachment"

    def write(self, vals):
        if CONTENT_FIELDS.intersection(vals):
            self._crossborder_check_evidence_files()
        return super().write(vals)

    def unlink(self):
        self._crossborder_check_evidence_files()
        return super().unlink()

    def _delete_and_notify(self, message=None):
        # the chatter's "remove file" (/mail/attachment/delete) deletes in sudo once
        # the caller may write the file: checked as the caller
        self.sudo(False)._crossborder_check_evidence_files()
        return super()._delete_and_notify(message=message)

    def _crossborder_check_evidence_files(self):
        if self.env.su or not self:
            return
        # the messages that carry these files, whoever may read them: checked below
        messages = self.env["mail.message"].sudo().search([("attachment_ids", "in", self.ids)])
        if messages:
            messages.sudo(False)._crossborder_check_evidence_change({"attachment_ids"})
