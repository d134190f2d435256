# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

# on the cursor while the ORM writes the tracking of an evidence record
TRACKING_KEY = "crossborder_evidence_tracking"


class CrossborderEvidenceThreadMixin(models.AbstractModel):
    """Records whose chatter is evidence: a trial (the trainee's and his manager's
    notes the decision reads), a customer's ticket (the customer's e-mails and the
    answers his response times, reopenings and disputes are measured on), a
    department's feedback, corrective action or recurrence (what its manager
    confirmed, disputed or promised, and the owner's follow-up), a skill test sent to
    an applicant (its deadline moved and why, the state his answers and the grades
    gave it), a part-timer's conversion (the reasons HR wrote), a lead pool (who
    forgot a deleted lead's name, who changed its settings).

    What is written there stays as it was written, by whom and when, on every path
    (``message_post``, the composer, ``mail.message`` create, write and unlink, the
    chatter's edit and delete, attachments): the rule itself lives on the messages,
    ``mail.message._crossborder_check_evidence_change`` and
    ``crossborder.evidence.message.mixin``; this mixin marks the records and checks
    the thread's own entries before anything is written.

    - a user posts in his own name (the mail gateway and the system post for
      others: the customer's e-mail arrives with the customer as author);
    - the date of a message is the system's;
    - a user edits or deletes only his own internal note; customers' e-mails,
      answers sent and colleagues' messages are changed or removed by a settings
      administrator only.
    """

    _name = "crossborder.evidence.thread.mixin"
    _description = "Chatter kept as evidence"
    _inherit = ["mail.thread"]

    # read by the messages' guards: a message on such a record is evidence
    _crossborder_evidence = True

    @api.model_create_multi
    def create(self, vals_list):
        return super(CrossborderEvidenceThreadMixin, self._crossborder_tracked()).create(vals_list)

    def write(self, vals):
        return super(CrossborderEvidenceThreadMixin, self._crossborder_tracked()).write(vals)

    def _crossborder_tracked(self):
        """A user's change of these records is recorded in their chatter (the old
        and new stage, state, holder) whatever his context says: with
        ``tracking_disable`` or ``mail_notrack``, which any client may send, a
        ticket moved to "Done" or a trial confirmed left no line behind. The
        system's own calls (the superuser: scheduled actions, migrations) keep
        the keys."""
        context = self.env.context
        # under sudo too: an action that checks its caller, then writes the state
        # in sudo, still carries the caller's context
        if self.env.uid == SUPERUSER_ID:
            return self
        if context.get("tracking_disable") or context.get("mail_notrack"):
            return self.with_context(tracking_disable=False, mail_notrack=False)
        return self

    def message_post(self, **kwargs):
        self._crossborder_check_post(kwargs)
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        # written in sudo, past the messages' own check
        self._crossborder_check_post(kwargs)
        return super().message_notify(**kwargs)

    def _crossborder_check_post(self, kwargs):
        """Checked before anything is posted: the author (``None`` is the caller,
        an empty one is nobody's name), the sender's address, the reply-to and
        the date."""
        messages = self.env["mail.message"]
        if kwargs.get("author_id", None) is not None:
            messages._crossborder_check_evidence_authors(self._name, [kwargs["author_id"]])
        if kwargs.get("email_from"):
            messages._crossborder_check_evidence_senders(self._name, [kwargs["email_from"]])
        if kwargs.get("reply_to"):
            messages._crossborder_check_evidence_reply_to(self._name, [kwargs["reply_to"]])
        if kwargs.get("date"):
            messages._crossborder_check_evidence_date(self._name)

    def _message_track(self, fields_iter, initial_values_dict):
        # the tracking lines of the changes the ORM tracks on these records (old and
        # new stage, dates): the only tracking lines a message here gets from a
        # user's call (mail.message refuses any other); said on the cursor, which
        # no client reaches
        depth = self.env.cr.cache.setdefault(TRACKING_KEY, [0])
        depth[0] += 1
        try:
            return super()._message_track(fields_iter, initial_values_dict)
        finally:
            depth[0] -= 1

    def unlink(self):
        # before mail.thread's unlink, which deletes the chatter first
        self._crossborder_check_written_on()
        return super().unlink()

    def _crossborder_check_written_on(self):
        """Deleting the record deletes its chatter, in sudo (``mail.thread.unlink``):
        a record the company's users wrote on (an answer sent, a colleague's note,
        a department's dispute, a manager's decision) goes with what was written
        only as the messages would, by a settings administrator. What nobody
        answered (spam, a duplicate), the system's tracking, what it logged when
        the record was made ("... created") and one's own internal notes go with
        it as before. A note posted later in someone's name by the API
        (``message_post``'s default type) or by a button (a trial's decision) is
        his writing too: it no longer went with the record (outside audit 76, M1
        and M2)."""
        if self.env.su or self.env.user._is_system():
            return
        own_note = Domain("author_id", "=", self.env.user.partner_id.id) & (
            Domain("is_internal", "=", True) | Domain("subtype_id.internal", "=", True)
        )
        domain = (
            Domain("model", "=", self._name)
            & Domain("res_id", "in", self.ids)
            # a message of any kind (a list of kinds always missed one: an automatic
            # or out-of-office one; audits 78 and 79, M1), but the system's tracked
            # values alone, its notices to a user and the e-mails a stage's template
            # sends (no subtype: an answer e-mailed from the list has its subtype)
            & (
                Domain(
                    "message_type",
                    "not in",
                    ("notification", "user_notification", "email_outgoing"),
                )
                | (Domain("body", "!=", False) | Domain("attachment_ids", "!=", False))
                & Domain("message_type", "=", "notification")
                | Domain("message_type", "=", "email_outgoing")
                & Domain("subtype_id", "!=", False)
                & Domain("subtype_id.internal", "=", False)
            )
            & Domain("author_id.user_ids.share", "=", False)
            & Domain("author_id", "!=", self.env.ref("base.partner_root").id)
            & ~own_note
        )
        # sudo: what was written on these records counts, whoever may read it, by
        # colleagues who have left too (archived)
        messages = self.env["mail.message"].sudo().with_context(active_test=False)
        made = {record.id: record.create_date for record in self.sudo()}
        written = messages.search_fetch(
            domain, ["res_id", "message_type", "create_date"], order="id"
        ).filtered(
            # logged in the transaction that made the record: the system's
            lambda m: m.message_type != "notification" or m.create_date != made[m.res_id]
        )[:1]
        if not written:
            return
        record = self.browse(written.res_id).sudo().display_name
        if "active" in self._fields:
            message = self.env._(
                "%(record)s keeps what was written on it (answers sent, colleagues' notes): "
                "archive it instead. Only a settings administrator deletes it.",
                record=record,
            )
        else:
            message = self.env._(
                "%(record)s keeps what was written on it (colleagues' notes, answers, "
                "decisions): only a settings administrator deletes it.",
                record=record,
            )
        raise AccessError(message)

    def _message_update_content(self, message, /, *args, **kwargs):
        # the chatter's pencil and trash (/mail/message/update_content) come here
        # with the message in sudo, checked only as "its author or an access-rights
        # administrator": the rule of the thread's messages is checked as the caller
        fnames = {"body"} if kwargs.get("body") is not None else set()
        if kwargs.get("attachment_ids") is not None:
            fnames.add("attachment_ids")
        if kwargs.get("partner_ids") is not None:
            fnames.add("partner_ids")
        own = self.env["mail.message"].browse(message.ids)
        own._crossborder_check_evidence_change(fnames or {"body"})
        if kwargs.get("partner_ids") is not None:
            named = self.env["res.partner"].browse(int(pid) for pid in kwargs["partner_ids"])
            own._crossborder_check_named_later(named - message.sudo().partner_ids)
        return super()._message_update_content(message, *args, **kwargs)

    def _notify_thread_with_out_of_office(self, message, recipients_data, msg_vals=False, **kw):
        # mail's automatic "out of office" answer is posted in the absent
        # colleague's name (mentioned by the caller): the system posts it, not the
        # caller, who cannot reach this private method
        return super(CrossborderEvidenceThreadMixin, self.sudo())._notify_thread_with_out_of_office(
            message, recipients_data, msg_vals=msg_vals, **kw
        )
