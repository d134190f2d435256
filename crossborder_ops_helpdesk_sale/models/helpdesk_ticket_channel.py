# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from ..intake.marketplace import ChannelRule, contact_form_mailer, matches_anyone

PATTERN_FIELDS = (
    "intake_sender_pattern",
    "intake_notification_pattern",
    "intake_order_pattern",
    "intake_subject_order_pattern",
    "intake_no_response_pattern",
    "intake_optout_pattern",
)


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    intake_sender_pattern = fields.Char(
        string="Buyer messages come from",
        help="Addresses the marketplace forwards buyers' messages from (its relay, or your "
        "shop's contact form), as a regular expression, e.g. @marketplace\\.amazon\\. for "
        "Amazon. A message from such an address, or with such a Reply-To, is this channel's.",
    )
    intake_notification_pattern = fields.Char(
        string="Notifications come from",
        help="Addresses of the marketplace's own notices (no-reply senders), as a regular "
        "expression. Such a message opens no ticket and is not a buyer message; it is kept "
        "on the ticket of its order when there is one.",
    )
    intake_order_pattern = fields.Char(
        string="Order number looks like",
        help="Regular expression of the channel's order numbers, e.g. \\d{3}-\\d{7}-\\d{7} "
        "for Amazon. The number is read from the subject, else from the message; when the "
        "expression has groups, the first one found is the number.",
    )
    intake_subject_order_pattern = fields.Char(
        string="Subject naming the order",
        help="The whole subject the marketplace writes when it names the buyer's order, as "
        "a regular expression whose group is the order number (Amazon: '... from Amazon "
        "customer Jane (Order: 204-...)'). A message from a relay address its order does "
        "not know yet is linked to the order only when its subject reads so and names no "
        "other order: a number the sender typed (in the text, a reply's subject, his "
        "name) is noted for the agent. Empty: such messages are linked by the agent.",
    )
    intake_no_response_pattern = fields.Char(
        string="'No response needed' wording",
        help="Words of a message that needs no answer (e.g. Amazon's 'no response needed'), "
        "as a regular expression. Such a message opens no ticket and starts no clock.",
    )
    intake_optout_pattern = fields.Char(
        string="Opt-out notice wording",
        help="Words of the marketplace's notice that a reply was not delivered because the "
        "buyer opted out of messages, as a regular expression. The ticket is flagged and "
        "its agent told.",
    )
    intake_contact_form = fields.Boolean(
        string="From a contact form",
        help="The channel's messages come from your shop's contact form, where the writer "
        "types his own address: such a message is linked to the order it quotes only when "
        "he wrote from the address of the order's buyer. Off for a marketplace, which "
        "answers for who wrote.",
    )
    reply_from_email = fields.Char(
        string="Replies sent from",
        help="The address replies to this channel's buyers are sent from: one the marketplace "
        "accepts (for Amazon, the e-mail address of your Seller Central account). Empty: "
        "the agent's own address.",
    )
    reply_by_email = fields.Boolean(
        string="Answer by e-mail",
        default=True,
        help="Off when the marketplace takes answers only on its own site (AliExpress "
        "Message Center): replies are then not e-mailed to the address its notices come "
        "from.",
    )
    critical_subject_tag = fields.Char(
        string="Order-critical subject tag",
        help="Put at the start of the subject of replies the agent marks order-critical "
        "(Amazon: [Important]); marketplaces deliver those even to buyers who opted out.",
    )

    # ------------------------------------------------------------------
    @api.constrains(*PATTERN_FIELDS, "intake_contact_form")
    def _check_intake_patterns(self):
        for channel in self:
            for name in PATTERN_FIELDS:
                pattern = channel[name]
                if not pattern:
                    continue
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s of channel %(channel)s is not a valid regular "
                            "expression (%(error)s): %(pattern)s",
                            setting=self._fields[name]._description_string(self.env),
                            channel=channel.name,
                            error=str(error),
                            pattern=pattern,
                        )
                    ) from error
                anyone = matches_anyone(name, pattern)
                if anyone:
                    raise ValidationError(
                        self.env._(
                            "Channel %(channel)s, '%(setting)s': the pattern also matches "
                            "%(example)s, so every customer's e-mail would be taken for the "
                            "marketplace's. "
                            "Name the marketplace's own addresses or wording, e.g. "
                            "@marketplace\\.amazon\\.com$.",
                            setting=self._fields[name]._description_string(self.env),
                            channel=channel.name,
                            example=anyone,
                        )
                    )
                mailer = name == "intake_notification_pattern" and contact_form_mailer(pattern)
                if mailer:
                    # a buyer's message taken for a notice opened no ticket (audit 69)
                    raise ValidationError(
                        self.env._(
                            "Channel %(channel)s takes the messages of %(mailer)s, a shop's "
                            "contact form, for notifications: they are buyers' messages. "
                            "Name it under 'Buyer messages come from' and tick 'From a "
                            "contact form'.",
                            channel=channel.name,
                            mailer=mailer,
                        )
                    )
                mailer = name == "intake_sender_pattern" and contact_form_mailer(pattern)
                if mailer and not channel.intake_contact_form:
                    raise ValidationError(
                        self.env._(
                            "Channel %(channel)s takes the messages of %(mailer)s, a shop's "
                            "contact form, where the writer types any address: tick 'From a "
                            "contact form', so that a message is linked to an order only "
                            "when it comes from its buyer's address.",
                            channel=channel.name,
                            mailer=mailer,
                        )
                    )

    @api.constrains("reply_from_email")
    def _check_reply_from_email(self):
        for channel in self.filtered("reply_from_email"):
            if not email_normalize(channel.reply_from_email):
                raise ValidationError(
                    self.env._(
                        "Replies of channel %(channel)s must be sent from an e-mail address: "
                        "%(value)s is not one.",
                        channel=channel.name,
                        value=channel.reply_from_email,
                    )
                )

    # ------------------------------------------------------------------
    @api.model
    def _intake_rules(self, company=None):
        """The intake settings of the active channels (of ``company`` and shared
        ones), in sequence order, as plain data for the parser."""
        domain = [
            "|",
            "|",
            ("intake_sender_pattern", "!=", False),
            ("intake_notification_pattern", "!=", False),
            ("intake_order_pattern", "!=", False),
        ]
        if company:
            domain += [("company_id", "in", [company.id, False])]
        channels = self.search_fetch(
            domain, ["id", "intake_contact_form", *PATTERN_FIELDS], order="sequence, id"
        )
        return [
            ChannelRule(
                channel_id=channel.id,
                sender_pattern=channel.intake_sender_pattern or "",
                order_pattern=channel.intake_order_pattern or "",
                subject_order_pattern=channel.intake_subject_order_pattern or "",
                notification_pattern=channel.intake_notification_pattern or "",
                no_response_pattern=channel.intake_no_response_pattern or "",
                optout_pattern=channel.intake_optout_pattern or "",
                contact_form=channel.intake_contact_form,
            )
            for channel in channels
        ]
