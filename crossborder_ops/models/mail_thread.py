# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError

# on the cursor while the mail API writes the messages it posts
POSTING_KEY = "crossborder_mail_api_posting"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_create(self, values_list):
        # the messages the mail API writes (posted, logged, notified) after its
        # own checks; mail.message refuses a public message created directly on
        # evidence: said on the cursor, which no client reaches
        depth = self.env.cr.cache.setdefault(POSTING_KEY, [0])
        depth[0] += 1
        try:
            return super()._message_create(values_list)
        finally:
            depth[0] -= 1

    def message_notify(self, **kwargs):
        # mail.thread's own message_notify takes the record as model and res_id,
        # past the evidence record's message_notify
        model = kwargs.get("model")
        if (
            model
            and model != self._name
            and model in self.env
            and getattr(self.env[model], "_crossborder_evidence", False)
        ):
            self.env[model].browse(kwargs.get("res_id"))._crossborder_check_post(kwargs)
        return super().message_notify(**kwargs)

    def _crossborder_about_caller(self):
        """The records among these that are about the caller himself (his own trial,
        his own application): he comments them, but leaves the others' to-dos on
        them (``mail.activity``) and their followers as they are. None here."""
        return self.browse()

    def _crossborder_check_not_own(self, vals=None):
        """The records about the caller he comments, nothing else: ``vals`` of
        messages and activities only (``vals=None``: any change, or deleting them).
        The model says why (``_crossborder_own_message``)."""
        if vals is not None and all(f.startswith(("message_", "activity_")) for f in vals):
            return
        own = self._crossborder_about_caller()
        if own:
            raise AccessError(own[:1]._crossborder_own_message())

    def message_unsubscribe(self, partner_ids=None):
        others = set(partner_ids or ()) - {self.env.user.partner_id.id}
        own = self._crossborder_about_caller() if others else self.browse()
        if own:
            raise AccessError(
                self.env._(
                    "%(record)s is about you: you do not take others off its followers; "
                    "they follow it for their work on it.",
                    record=own[0].sudo().display_name,
                )
            )
        return super().message_unsubscribe(partner_ids=partner_ids)

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        self._crossborder_check_gateway_caller()
        return super().message_process(
            model,
            message,
            custom_values=custom_values,
            save_original=save_original,
            strip_attachments=strip_attachments,
            thread_id=thread_id,
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        self._crossborder_check_gateway_caller()
        return super().message_new(msg_dict, custom_values=custom_values)

    def message_update(self, msg_dict, update_vals=None):
        self._crossborder_check_gateway_caller()
        return super().message_update(msg_dict, update_vals=update_vals)

    @api.model
    def _crossborder_check_gateway_caller(self):
        """The mail gateway is the system's entry: fetchmail runs it as the
        scheduled action's user (the superuser), Odoo's mailgate script logs in as
        an administrator, and it then works as the superuser on behalf of the
        e-mail's sender. Called by anyone else, it would post in any name with any
        date and create records with fields only the system sets, on records the
        caller cannot even read: the checks of the superuser's path (trial authors,
        system fields, response clocks) cannot be made once inside, so the caller
        is checked at the door. ``message_new``/``message_update`` are the
        gateway's hooks, reached from it in superuser mode."""
        if self.env.su or self.env.uid == SUPERUSER_ID or self.env.user._is_system():
            return
        raise AccessError(
            self.env._(
                "Incoming e-mails are processed by the mail server's gateway, run by the "
                "system or an administrator. Write your message in the record's chatter "
                "instead."
            )
        )
