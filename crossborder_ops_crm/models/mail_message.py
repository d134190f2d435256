# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class MailMessage(models.Model):
    """A lead waiting in a masking pool shows its salespeople the notes of the
    pool and of earlier owners, not the correspondence with the customer (his
    address, phone and signature are in it) nor its done activities until one
    of them claims it."""

    _name = "mail.message"
    _inherit = ["mail.message", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        """Messages the current user may not read: on leads whose contact is
        masked for him, all but the notes of the company's own people (a "Log
        note", the pool's lines), which is what the customer did not write, was
        not sent and is not named in as a recipient; all those of the meetings
        hidden from him (see calendar.event). None when he may read
        everything."""
        documents = self.env["crm.lead"]._pool_masked_documents("model")
        if documents is None:
            return None
        # the company's own people, those who left too: a fact of the message,
        # whatever the reader may see of the users (sudo)
        staff = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            ._search([("share", "=", False)])
            .subselect("partner_id")
        )
        note = Domain("is_internal", "=", True) | Domain("subtype_id.internal", "=", True)
        customer_mail = (
            Domain("message_type", "in", ["email", "email_outgoing"])
            | ~note
            # written as the customer (or anyone outside), or sent to him
            | ~Domain("author_id", "in", staff)
            | Domain("partner_ids", "any", [("id", "not in", staff)])
            # a done activity: whom to call and how, as its activity said (hidden
            # with it on mail.activity), and its feedback
            | Domain("mail_activity_type_id", "!=", False)
            # crm's line about a meeting (its date and subject, a link to it):
            # hidden with the meeting
            | Domain("body", "ilike", 'data-oe-model="calendar.event"')
        )
        # the messages of the lead's hidden meetings (the invitation, its updates
        # and reminders) name the customer as recipient: hidden with the meeting
        meetings = self.env["calendar.event"]._crossborder_hidden_documents("model")
        return (documents & customer_mail) | meetings

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This message belongs to a lead waiting in the pool: claim the lead to read "
            "the correspondence with the customer."
        )
