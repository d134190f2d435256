# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may bind a message to an order by quoting its number: the marketplace
(its relay, its notices) or the order's buyer from his own address. Anyone else
opens a ticket of the channel without the order, as the mail gateway sees it."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import MailCase

from .test_marketplace_intake import DOMAIN, IntakeData

JANE_RELAY = '"Jane - Amazon Marketplace" <3k7xyz9q2mnbvcx@marketplace.amazon.co.uk>'
MALLORY = '"Mallory" <mallory@example.net>'
MARIA_FORM = 'Reply-To: "Maria Kunde" <maria.kunde@example.de>'
NOT_LINKED = "the sender is neither the marketplace nor the order's buyer"


@tagged("post_install", "-at_install", "crossborder_ops_helpdesk_sale")
class TestIntakeSender(IntakeData, MailCase, TransactionCase):
    def assert_not_linked(self, ticket, order_ref):
        """A ticket of the channel, not of the order: no order, no buyer, no
        relay; the number it quoted in a note for the agent."""
        self.assertTrue(ticket)
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(ticket.sale_order_ids)
        self.assertFalse(ticket.marketplace_order_ref, "the number would link the order")
        self.assertFalse(ticket.marketplace_reply_to, "no relay: the agent's replies are his own")
        self.assertNotIn(ticket.partner_id, self.buyer | self.maria)
        self.assertIn("mallory@example.net", ticket.partner_email or "")
        notes = ticket.message_ids.filtered(
            lambda m: m.subtype_id.internal and order_ref in str(m.body)
        )
        self.assertEqual(len(notes), 1, ticket.message_ids.mapped("body"))
        self.assertIn(NOT_LINKED, str(notes.body))

    def raw(self, sender, subject, body, message_id, extra=""):
        return (
            f"From: {sender}\nTo: t-amazon@{DOMAIN}\nSubject: {subject}\n"
            f"Message-ID: <{message_id}>\n{extra}Content-Type: text/plain; charset=UTF-8\n\n"
            f"{body}\n"
        )

    def test_stranger_quoting_an_order_opens_a_ticket_without_it(self):
        ticket = self.Ticket.browse(
            self.receive(
                "amazon_buyer_message.eml",
                replace=[(f"From: {JANE_RELAY}", f"From: {MALLORY}")],
            )
        )
        self.assertEqual(ticket.channel_id, self.amazon)
        self.assert_not_linked(ticket, "204-1234567-7654321")

    def test_stranger_does_not_write_into_the_buyers_ticket(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        self.assertEqual(ticket.sale_order_id, self.order)
        other_id = self.receive(
            "amazon_followup_no_headers.eml",
            replace=[(f"From: {JANE_RELAY}", f"From: {MALLORY}")],
        )
        self.assertNotEqual(other_id, ticket.id)
        self.assert_not_linked(self.Ticket.browse(other_id), "204-1234567-7654321")
        self.assertNotIn("Any news", "".join(map(str, ticket.message_ids.mapped("body"))))
        # nor flags the buyer as opted out with the marketplace's wording: his
        # words are a stranger's message, not the marketplace's notice
        self.assertNotEqual(
            self.receive(
                "amazon_optout_notice.eml",
                replace=[
                    ('"Amazon Seller Notification" <donotreply@amazon.co.uk>', MALLORY),
                    ("0100018e3001-amazon-notice-5@", "0100018e3001-amazon-notice-5-forged@"),
                ],
            ),
            ticket.id,
        )
        self.assertFalse(ticket.buyer_opted_out)
        # the marketplace's own notice still reaches the buyer's ticket
        self.assertEqual(self.receive("amazon_optout_notice.eml"), ticket.id)
        self.assertTrue(ticket.buyer_opted_out)

    def test_a_look_alike_of_the_marketplaces_domain_is_a_stranger(self):
        """A relay at marketplace.amazon.<his own domain> got the order bound,
        its buyer named and the agent's replies; a no-reply there flagged the
        buyer as opted out (outside audit 62, F3)."""
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        look_alike = '"Oliver - Amazon Marketplace" <zz9@marketplace.amazon.evilexample.com>'
        stranger = self.Ticket.browse(
            self.receive(
                "amazon_followup_no_headers.eml",
                replace=[(f"From: {JANE_RELAY}", f"From: {look_alike}")],
            )
        )
        self.assertNotEqual(stranger, ticket)
        self.assertFalse(stranger.sale_order_id)
        self.assertFalse(stranger.marketplace_reply_to, "the agent's replies go to nobody's relay")
        self.assertNotIn(stranger.partner_id, self.buyer)
        self.assertNotEqual(
            self.receive(
                "amazon_optout_notice.eml",
                replace=[
                    (
                        '"Amazon Seller Notification" <donotreply@amazon.co.uk>',
                        "<donotreply@amazon.co.uk.evilexample.com>",
                    )
                ],
            ),
            ticket.id,
        )
        self.assertFalse(ticket.buyer_opted_out)

    def test_contact_form_of_another_address_is_not_the_orders_buyer(self):
        ticket = self.Ticket.browse(
            self.receive(
                "shop_contact_form.eml",
                replace=[
                    ('Reply-To: "Maria Kunde" <maria.kunde@example.de>', f"Reply-To: {MALLORY}")
                ],
            )
        )
        self.assertEqual(ticket.channel_id, self.shop)
        self.assert_not_linked(ticket, "1042")

    def test_contact_form_typing_the_forms_own_address_is_not_the_buyer(self):
        """Mallory typed the shop mailer's own address into the contact form:
        From and Reply-To were the shop's, which passed for the shop vouching
        for him, and he got Maria's order #1042, her name and her ticket
        (outside audit 65)."""
        self.assertTrue(self.shop.intake_contact_form)
        ticket = self.Ticket.browse(
            self.receive(
                "shop_contact_form.eml",
                replace=[(MARIA_FORM, 'Reply-To: "Maria Kunde" <mailer@shopify.com>')],
            )
        )
        self.assertEqual(ticket.channel_id, self.shop)
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(ticket.marketplace_order_ref, "the number would link the order")
        self.assertNotIn(ticket.partner_id, self.maria)
        notes = ticket.message_ids.filtered(lambda m: m.subtype_id.internal)
        self.assertIn(NOT_LINKED, str(notes.mapped("body")))
        # Maria writing from her own address still gets her order
        maria = self.Ticket.browse(
            self.receive(
                "shop_contact_form.eml",
                replace=[("shopify-contact-5f2a9c@", "shopify-contact-maria@")],
            )
        )
        self.assertEqual((maria.sale_order_id, maria.partner_id), (self.shop_order, self.maria))

    def test_contact_form_with_the_buyer_and_a_stranger_is_nobodys(self):
        """Mallory typed Maria's address and his own into the contact form: the
        first was compared, so he got her order, her ticket and the replies to
        both (outside audit 67)."""
        ticket = self.Ticket.browse(
            self.receive(
                "shop_contact_form.eml",
                replace=[
                    (MARIA_FORM, f'Reply-To: "Maria Kunde" <maria.kunde@example.de>, {MALLORY}')
                ],
            )
        )
        self.assertEqual(ticket.channel_id, self.shop)
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(ticket.marketplace_reply_to, "replies go to no one buyer")
        self.assertNotIn(ticket.partner_id, self.maria)

    def test_buyer_writing_from_his_own_address_gets_his_order(self):
        jane = '"T-Jane Buyer" <Jane.Buyer@EXAMPLE.com>'
        ticket = self.Ticket.browse(
            self.receive(
                "amazon_followup_no_headers.eml",
                replace=[(f"From: {JANE_RELAY}", f"From: {jane}")],
            )
        )
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(ticket.partner_id, self.buyer)
        self.assertEqual(ticket.marketplace_reply_to, "jane.buyer@example.com")
        # her address in From, a stranger's in Reply-To: replies would reach him
        other_id = self.receive(
            "amazon_followup_no_headers.eml",
            replace=[
                (f"From: {JANE_RELAY}", f"From: {jane}\nReply-To: {MALLORY}"),
                ("amazon-bsm-3@", "amazon-bsm-3-forged@"),
            ],
        )
        self.assertNotEqual(other_id, ticket.id)
        self.assert_not_linked(self.Ticket.browse(other_id), "204-1234567-7654321")
        self.assertEqual(len(ticket.message_ids.filtered(lambda m: m.message_type == "email")), 1)

    def test_follow_up_sets_the_order_only_from_the_marketplace_or_the_buyer(self):
        Thread = self.env["mail.thread"]
        question = "Is the lamp available in blue?"
        follow_up = "It is about order 204-1234567-7654321: where is it delivered?"
        mallory_ticket = self.Ticket.browse(
            Thread.message_process(None, self.raw(MALLORY, "Lamp", question, "m-1@example.net"))
        )
        self.assertFalse(mallory_ticket.marketplace_order_ref)
        reply = "In-Reply-To: <m-1@example.net>\nReferences: <m-1@example.net>\n"
        self.assertEqual(
            Thread.message_process(
                None, self.raw(MALLORY, "Re: Lamp", follow_up, "m-2@example.net", reply)
            ),
            mallory_ticket.id,
        )
        self.assertFalse(mallory_ticket.sale_order_id)
        self.assertFalse(mallory_ticket.marketplace_order_ref)
        self.assertNotEqual(mallory_ticket.partner_id, self.buyer)
        notes = mallory_ticket.message_ids.filtered(
            lambda m: m.subtype_id.internal and NOT_LINKED in str(m.body)
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("204-1234567-7654321", str(notes.body))
        # the buyer, through the marketplace's relay: the number she types is
        # noted; the one the marketplace writes in the subject links the order
        jane_ticket = self.Ticket.browse(
            Thread.message_process(None, self.raw(JANE_RELAY, "Lamp", question, "j-1@example.net"))
        )
        reply = "In-Reply-To: <j-1@example.net>\nReferences: <j-1@example.net>\n"
        self.assertEqual(
            Thread.message_process(
                None, self.raw(JANE_RELAY, "Re: Lamp", follow_up, "j-2@example.net", reply)
            ),
            jane_ticket.id,
        )
        self.assertFalse(jane_ticket.sale_order_id)
        self.assertIn("204-1234567-7654321", " ".join(jane_ticket.message_ids.mapped("body")))
        named = "Additional information from Amazon customer Jane (Order: 204-1234567-7654321)"
        self.assertEqual(
            Thread.message_process(
                None, self.raw(JANE_RELAY, named, "Any news?", "j-3@example.net", reply)
            ),
            jane_ticket.id,
        )
        self.assertEqual(jane_ticket.marketplace_order_ref, "204-1234567-7654321")
        self.assertEqual(jane_ticket.sale_order_id, self.order)

    def test_a_follow_up_does_not_move_the_tickets_order(self):
        """An agent linked the buyer's ticket to its order by hand; the buyer's
        next message through the relay quoted another customer's order: the
        ticket moved onto it, its refund and all, or the gateway refused the
        message when that order did not sell the ticket's lamp (outside audit
        68)."""
        Thread = self.env["mail.thread"]
        ticket = self.Ticket.browse(
            Thread.message_process(
                None, self.raw(JANE_RELAY, "Lamp", "Is it broken?", "j-1@example.net")
            )
        )
        self.assertFalse(ticket.sale_order_id)
        ticket.write({"sale_order_id": self.order.id, "product_id": self.product.id})
        chair = self.env["product.product"].create({"name": "T-Chair"})
        stranger = self.env["res.partner"].create({"name": "T-Emily Stranger"})
        theirs = self.env["sale.order"].create(
            {
                "partner_id": stranger.id,
                "client_order_ref": "204-7777777-7777777",
                "order_line": [(0, 0, {"product_id": chair.id, "product_uom_qty": 1})],
            }
        )
        reply = "In-Reply-To: <j-1@example.net>\nReferences: <j-1@example.net>\n"
        follow_up = "It is order 204-7777777-7777777, the lamp came broken."
        self.assertEqual(
            Thread.message_process(
                None, self.raw(JANE_RELAY, "Re: Lamp", follow_up, "j-2@example.net", reply)
            ),
            ticket.id,
        )
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertFalse(ticket.marketplace_order_ref)
        self.assertIn(follow_up, " ".join(ticket.message_ids.mapped("body")))
        notes = ticket.message_ids.filtered(
            lambda m: m.subtype_id.internal and "204-7777777-7777777" in str(m.body)
        )
        self.assertEqual(len(notes), 1)
        self.assertIn(f"stays on {self.order.name}", str(notes.body))
        self.assertNotEqual(theirs, ticket.sale_order_id)

    def test_a_buyer_quoting_another_buyers_order_does_not_get_it(self):
        """Any Amazon buyer wrote from his own relay and typed another buyer's
        order number above the footer of his own: he got her order, her country
        and the agent's replies about her parcel, and wrote into her open
        ticket (outside audit 77, H1)."""
        Thread = self.env["mail.thread"]
        carl = '"Carl - Amazon Marketplace" <zzother99@marketplace.amazon.co.uk>'
        typed = "Hello, order 204-1234567-7654321: which address and tracking?"
        footer = "------------- End message -------------\nOrder ID: 999-0000000-0000000"
        ticket_id = Thread.message_process(
            None,
            self.raw(carl, "Inquiry from Amazon customer", f"{typed}\n{footer}", "c-1@x.net"),
        )
        other = self.Ticket.browse(ticket_id)
        self.assertFalse(other.sale_order_id, "a message quoting two orders is about neither")
        self.assertFalse(other.marketplace_order_ref)
        self.assertNotEqual(other.partner_id, self.buyer)
        self.assertEqual(other.marketplace_reply_to, "zzother99@marketplace.amazon.co.uk")
        note = other.message_ids.filtered(lambda m: m.subtype_id.internal and "several" in m.body)
        self.assertIn("204-1234567-7654321", str(note.body))
        # the first to type its number does not take an order the marketplace did
        # not name to him: its buyer, writing next, would have been set aside
        # (outside audit 78, H1)
        first = self.Ticket.browse(
            Thread.message_process(
                None, self.raw(carl, "Inquiry from Amazon customer", typed, "c-0@x.net")
            )
        )
        self.assertFalse(first.sale_order_id)
        self.assertNotEqual(first.partner_id, self.buyer)
        self.assertIn("204-1234567-7654321", " ".join(first.message_ids.mapped("body")))
        # nor by a subject he typed: a reply's, or his name beside his own order
        # (outside audit 79, H1)
        for n, subject in enumerate(
            (
                "RE: 204-1234567-7654321",
                "RE: Inquiry from Amazon customer Kim (Order: 204-1234567-7654321)",
                "Inquiry from Amazon customer Zed 204-1234567-7654321 (Order: 999-0000000-0000000)",
            )
        ):
            with self.subTest(subject=subject):
                typed_subject = self.Ticket.browse(
                    Thread.message_process(
                        None, self.raw(carl, subject, "Where is it?", f"c-s{n}@x.net")
                    )
                )
                self.assertFalse(typed_subject.sale_order_id)
                self.assertNotEqual(typed_subject.partner_id, self.buyer)
        # once she wrote from her relay, her order is hers, however it is quoted
        jane = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        self.assertEqual(jane.sale_order_id, self.order)
        for n, (subject, body) in enumerate(
            (
                ("Inquiry from Amazon customer", typed),
                ("Inquiry from Amazon customer (Order: 204-1234567-7654321)", "Where is it?"),
            )
        ):
            with self.subTest(subject=subject):
                carls = self.Ticket.browse(
                    Thread.message_process(None, self.raw(carl, subject, body, f"c-{n + 2}@x.net"))
                )
                self.assertNotEqual(carls, jane, "not into her open ticket")
                self.assertFalse(carls.sale_order_id)
                self.assertFalse(carls.marketplace_order_ref)
                self.assertNotEqual(carls.partner_id, self.buyer)
                self.assertEqual(carls.marketplace_reply_to, "zzother99@marketplace.amazon.co.uk")
                note = carls.message_ids.filtered(lambda m: m.subtype_id.internal)
                self.assertIn("does not name that order's buyer by this address", str(note.body))
        self.assertEqual(len(jane.message_ids.filtered(lambda m: m.message_type == "email")), 1)
        # nor says she opted out: that is the marketplace's notice, not a buyer's words
        Thread.message_process(
            None,
            self.raw(
                carl,
                "Inquiry from Amazon customer Zed (Order: 204-1234567-7654321)",
                "The buyer has opted out of receiving messages.",
                "c-9@x.net",
            ),
        )
        self.assertFalse(jane.buyer_opted_out)
        # nor an order whose customer is known by his own relay
        self.ebay_order.partner_id.email = "bob_collects_us.r8k2p@members.ebay.com"
        theirs = self.Ticket.browse(
            self.receive(
                "ebay_member_message.eml",
                replace=[
                    ('From: "bob_collects_us" <bob_collects_us.r8k2p@', "From: <mallory.x1y2@"),
                    ("EBAY-MSG-1928374650", "EBAY-MSG-forged"),
                ],
            )
        )
        self.assertFalse(theirs.sale_order_id)
        bobs = self.Ticket.browse(self.receive("ebay_member_message.eml"))
        self.assertEqual(bobs.sale_order_id, self.ebay_order)
