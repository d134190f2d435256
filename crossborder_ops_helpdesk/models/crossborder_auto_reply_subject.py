# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..monitor.auto_reply import peoples_subject


class CrossborderAutoReplySubject(models.Model):
    """The subject beginnings of automatic replies that come without the standard
    headers (some webmail vacation answers): an e-mail whose subject starts with
    one is an automatic reply to the mail gateway, like one with the headers
    (``monitor.auto_reply``). The help desk manager adds those his customers'
    mail programs write."""

    _name = "crossborder.auto.reply.subject"
    _description = "Subject of automatic replies"
    _order = "name, id"

    name = fields.Char(
        string="Subject starts with",
        required=True,
        translate=False,
        help="The beginning of the subject a mail program gives its automatic replies, "
        "e.g. 'Automatic reply:'. Keep the colon: 'Auto:' marks 'Auto: Re: your order', "
        "not a customer's 'Automobile parts'.",
    )
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint(
        "UNIQUE (name)",
        "This subject beginning is already listed (perhaps archived: see the Archived filter).",
    )

    @api.constrains("name")
    def _check_not_peoples_reply(self):
        for subject in self:
            example = peoples_subject(subject.name)
            if example:
                raise ValidationError(
                    self.env._(
                        "'%(name)s' also begins e-mails people write themselves "
                        "('%(example)s'): every one would be taken for an automatic reply "
                        "and start no clock. Write the beginning the mail program gives its "
                        "automatic replies, e.g. 'Automatic reply:'.",
                        name=subject.name,
                        example=example,
                    )
                )

    def _prefixes(self):
        """The active subject beginnings, read by the mail gateway for each e-mail
        (sudo: the gateway runs as the system; a short list)."""
        return self.sudo().search_fetch([], ["name"]).mapped("name")
