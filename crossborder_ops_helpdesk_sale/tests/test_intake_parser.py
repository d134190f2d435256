# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from ..intake.marketplace import (
    Attachment,
    ChannelRule,
    auto_reply_headers,
    count_images,
    extract_order_ref,
    html_to_text,
    parse,
)

AMAZON = ChannelRule(
    channel_id=1,
    sender_pattern=r"@marketplace\.amazon\.[a-z.]+$",
    notification_pattern=r"^(donotreply|no-reply)@(.+\.)?amazon\.[a-z.]+$",
    order_pattern=r"\b(\d{3}-\d{7}-\d{7})\b",
    no_response_pattern=r"no (response|reply) (is )?(needed|required)",
    optout_pattern=r"opted out of (receiving )?(unsolicited )?messages",
)
EBAY = ChannelRule(
    channel_id=2,
    sender_pattern=r"@members\.ebay\.[a-z.]+$",
    order_pattern=r"\b(\d{2}-\d{5}-\d{5})\b",
)
SHOP = ChannelRule(
    channel_id=4,
    sender_pattern=r"^mailer@shopify\.com$",
    order_pattern=r"\b(S\d{5,})\b|#(\d{4,})\b",
    contact_form=True,
)
RULES = [AMAZON, EBAY, SHOP]


@tagged("post_install", "-at_install", "crossborder_ops_helpdesk_sale")
class TestIntakeParser(BaseCase):
    def test_channel_from_relay_sender_reply_to_or_alias(self):
        amazon = parse(RULES, sender='"Jane" <Abc123@marketplace.amazon.co.uk>', subject="Hi")
        self.assertEqual(
            (amazon.channel_id, amazon.relay_address), (1, "abc123@marketplace.amazon.co.uk")
        )
        ebay = parse(RULES, sender="bob.x1@members.ebay.de")
        self.assertEqual(ebay.channel_id, 2)
        shop = parse(
            RULES, sender="Shopify <mailer@shopify.com>", reply_to="Maria <maria@example.de>"
        )
        self.assertEqual((shop.channel_id, shop.relay_address), (4, "maria@example.de"))
        unknown = parse(RULES, sender="someone@example.com", default_channel_id=2)
        self.assertEqual(unknown.channel_id, 2, "the alias's channel when no sender matches")
        self.assertTrue(amazon.from_marketplace and shop.from_marketplace)
        self.assertFalse(unknown.from_marketplace, "an agent answering by e-mail is not the buyer")
        self.assertIsNone(parse(RULES, sender="someone@example.com").channel_id)

    def test_order_number_from_subject_then_body(self):
        self.assertEqual(
            extract_order_ref(
                AMAZON.order_pattern, "Inquiry (Order: 204-1234567-7654321)", "302-7654321-1234567"
            ),
            "204-1234567-7654321",
        )
        self.assertEqual(
            extract_order_ref(EBAY.order_pattern, "Question", "Order number: 12-34567-89012"),
            "12-34567-89012",
        )
        self.assertEqual(
            extract_order_ref(SHOP.order_pattern, "", "my order #1042 is late"), "1042"
        )
        self.assertEqual(extract_order_ref(SHOP.order_pattern, "About S00042", ""), "S00042")
        self.assertIsNone(extract_order_ref(AMAZON.order_pattern, "Hello", "no number"))
        intake = parse(
            RULES,
            sender="x@marketplace.amazon.com",
            subject="Question",
            body="<p>Order&nbsp;ID:<br/><b>111-2223334-4445556</b></p>",
        )
        self.assertEqual(intake.order_ref, "111-2223334-4445556", "read from the HTML's text")

    def test_html_to_text(self):
        self.assertEqual(
            html_to_text("<style>p{}</style><p>Caf&eacute;</p><div>two</div>"), "Café\n two"
        )

    def test_auto_replies_notices_and_no_response_needed(self):
        self.assertEqual(
            auto_reply_headers({"auto-submitted": "auto-replied"}), ("auto-submitted",)
        )
        self.assertEqual(auto_reply_headers({"auto-submitted": "no"}), ())
        self.assertEqual(auto_reply_headers({"precedence": "Bulk"}), ("precedence",))
        self.assertEqual(auto_reply_headers({"x-autoreply": "yes"}), ("x-autoreply",))
        buyer = "t@marketplace.amazon.de"
        self.assertEqual(
            parse(RULES, sender=buyer, headers={"auto-submitted": "auto-replied"}).skip_reason,
            "auto_reply",
        )
        self.assertEqual(
            parse(RULES, sender="donotreply@amazon.co.uk", subject="Your payout").skip_reason,
            "notification",
        )
        self.assertEqual(
            parse(RULES, sender=buyer, body="All good. No response needed.").skip_reason,
            "no_response",
        )
        message = parse(RULES, sender=buyer, body="Where is my parcel?")
        self.assertIsNone(message.skip_reason)
        self.assertTrue(message.is_buyer_message)
        # no headers, only the subject of an automatic reply: the help desk's list
        subjects = ["Automatic reply:", "自动回复:"]
        for subject, reason in (
            ("Automatic reply: Re: order 302-7654321-1234567", "auto_reply"),
            ("自动回复：Re: order 302-7654321-1234567", "auto_reply"),
            ("Re: Automatic reply: order 302-7654321-1234567", None),
        ):
            with self.subTest(subject=subject):
                self.assertEqual(
                    parse(RULES, sender=buyer, subject=subject, auto_subjects=subjects).skip_reason,
                    reason,
                )
        self.assertIsNone(parse(RULES, sender=buyer, subject="Automatic reply: x").skip_reason)

    def test_optout_notice_is_not_skipped_as_a_notification(self):
        intake = parse(
            RULES,
            sender="donotreply@amazon.co.uk",
            body="Your message for order 204-1234567-7654321 could not be delivered: the "
            "buyer has opted out of receiving unsolicited messages.",
        )
        self.assertTrue(intake.optout_bounce)
        self.assertIsNone(intake.skip_reason)
        self.assertFalse(intake.is_buyer_message)
        self.assertEqual((intake.channel_id, intake.order_ref), (1, "204-1234567-7654321"))

    def test_photos_are_image_attachments_not_layout_pictures(self):
        attachments = [
            Attachment("IMG_1.JPG"),
            Attachment("scan.heic"),
            Attachment("photo", mimetype="image/png"),
            Attachment("logo.png", inline=True),
            Attachment("invoice.pdf"),
        ]
        self.assertEqual(count_images(attachments), 3)

    def test_marketplace_vouches_only_for_its_own_addresses(self):
        relay = "3k7xyz9q2mnbvcx@marketplace.amazon.co.uk"
        self.assertTrue(parse(RULES, sender=relay).marketplace_vouched, "its relay")
        self.assertTrue(
            parse(RULES, sender="donotreply@amazon.co.uk").marketplace_vouched, "its notice"
        )
        forged = parse(RULES, sender=relay, reply_to="mallory@example.net")
        self.assertTrue(forged.from_marketplace)
        self.assertFalse(forged.marketplace_vouched, "replies would go to a stranger")
        relayed = parse(RULES, sender="mallory@example.net", reply_to=relay)
        self.assertFalse(relayed.marketplace_vouched, "a Reply-To is anyone's to write")
        dotless = parse(RULES, sender="mailer@shop\u0131fy.com")  # a Turkish dotless i
        self.assertFalse(dotless.from_marketplace or dotless.marketplace_vouched)
        form = parse(RULES, sender="mailer@shopify.com", reply_to="maria@example.de")
        self.assertTrue(form.from_marketplace)
        self.assertFalse(form.marketplace_vouched, "a contact form's Reply-To is typed in")
        # the writer typed the form's own mailer as his address (outside audit 65)
        typed = parse(RULES, sender="mailer@shopify.com", reply_to="mailer@shopify.com")
        self.assertEqual(typed.relay_address, "mailer@shopify.com")
        self.assertFalse(typed.marketplace_vouched, "a contact form vouches for nobody")
        both = parse(RULES, sender="mailer@shopify.com", reply_to="maria@example.de, m@evil.test")
        self.assertIsNone(both.relay_address, "several addresses are no one buyer's")
        self.assertFalse(both.marketplace_vouched)
        alias = parse(
            RULES,
            sender="mallory@example.net",
            subject="Order 204-1234567-7654321",
            default_channel_id=1,
        )
        self.assertEqual(alias.order_ref, "204-1234567-7654321", "the parser reads the number")
        self.assertFalse(alias.marketplace_vouched)
