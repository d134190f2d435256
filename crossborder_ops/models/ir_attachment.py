# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain
from odoo.tools import ormcache

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

    # --- the files of a record whose chatter is read with more than read access
    # (``_crossborder_chatter_read_operation``, a skill test sent to an applicant):
    # read with that access too, listed, opened by id or downloaded ---
    def _inaccessible_comodel_records(self, model_and_ids, operation):
        if operation != "read":
            yield from super()._inaccessible_comodel_records(model_and_ids, operation)
            return
        by_operation = {}
        for res_model, res_ids in model_and_ids.items():
            needed = self._crossborder_chatter_operation(res_model)
            by_operation.setdefault(needed, {})[res_model] = res_ids
        for needed, records in by_operation.items():
            yield from super()._inaccessible_comodel_records(records, needed)

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not (self.env.su or kwargs.get("bypass_access")):
            for res_model in self._crossborder_chatter_read_models():
                Model = self.env[res_model]
                if not Model.has_access("write"):
                    domain = Domain(domain) & Domain("res_model", "!=", res_model)
                    continue
                rule = self.env["ir.rule"]._compute_domain(res_model, "write")
                if not rule.is_true():
                    # sudo: the records the write rules open to the caller
                    writable = Model.sudo().with_context(active_test=False)._search(rule)
                    domain = Domain(domain) & (
                        Domain("res_model", "!=", res_model) | Domain("res_id", "in", writable)
                    )
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _crossborder_chatter_operation(self, res_model):
        model = self.env.get(res_model) if res_model else None
        return getattr(model, "_crossborder_chatter_read_operation", "read")

    @api.model
    @ormcache()
    def _crossborder_chatter_read_models(self):
        return tuple(
            name
            for name, model in self.env.registry.items()
            if getattr(model, "_crossborder_chatter_read_operation", "read") != "read"
        )

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
