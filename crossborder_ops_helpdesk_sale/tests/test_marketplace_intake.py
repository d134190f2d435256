# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import HttpCase, TransactionCase

from odoo.addons.mail.tests.common import MailCase

from .common import JsonRpc, OrderData

FIXTURES = Path(__file__).parent / "fixtures"
DOMAIN = "cbo-intake.example.com"


class IntakeData(OrderData):
    """The four channels' aliases on a test alias domain and an order per channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        ref = env.ref
        cls.amazon = ref("crossborder_ops_helpdesk.channel_amazon")
        cls.ebay = ref("crossborder_ops_helpdesk.channel_ebay")
        cls.aliexpress = ref("crossborder_ops_helpdesk.channel_aliexpress")
        cls.shop = ref("crossborder_ops_helpdesk.channel_shopify")
        cls.amazon.reply_from_email = "seller-central@shop.example.com"
        domain = env["mail.alias.domain"].search([("name", "=", DOMAIN)]) or env[
            "mail.alias.domain"
        ].create({"name": DOMAIN})
        model = ref("helpdesk_mgmt.model_helpdesk_ticket")
        env["mail.alias"].create(
            [
                {
                    "alias_name": name,
                    "alias_domain_id": domain.id,
                    "alias_model_id": model.id,
                    "alias_contact": "everyone",
                    "alias_defaults": repr({"channel_id": channel.id, "team_id": cls.team.id}),
                }
                for name, channel in (
                    ("t-amazon", cls.amazon),
                    ("t-ebay", cls.ebay),
                    ("t-aliexpress", cls.aliexpress),
                    ("t-shop", cls.shop),
                )
            ]
        )
        env["res.lang"]._activate_lang("de_DE")
        env["res.lang"]._activate_lang("fr_FR")
        Partner = env["res.partner"]
        # eBay orders come in with the member's relay as the customer's address
        cls.bob = Partner.create(
            {
                "name": "T-Bob Collector",
                "email": "bob_collects_us.r8k2p@members.ebay.com",
                "country_id": ref("base.us").id,
                "lang": "en_US",
            }
        )
        cls.camille = Partner.create(
            {"name": "T-Camille Dupont", "country_id": ref("base.fr").id, "lang": "fr_FR"}
        )
        cls.maria = Partner.create(
            {
                "name": "T-Maria Kunde",
                "email": "maria.kunde@example.de",
                "country_id": ref("base.ch").id,
                "lang": "de_DE",
            }
        )
        maria_home = Partner.create(
            {
                "name": "T-Maria Kunde, Berlin",
                "parent_id": cls.maria.id,
                "type": "delivery",
                "country_id": ref("base.de").id,
            }
        )
        line = [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})]
        Order = env["sale.order"]
        cls.ebay_order = Order.create(
            {"partner_id": cls.bob.id, "client_order_ref": "12-34567-89012", "order_line": line}
        )
        cls.ali_order = Order.create(
            {
                "partner_id": cls.camille.id,
                "client_order_ref": "8185123456789012",
                "order_line": line,
            }
        )
        cls.shop_order = Order.create(
            {
                "partner_id": cls.maria.id,
                "partner_shipping_id": maria_home.id,
                "client_order_ref": "1042",
                "order_line": line,
            }
        )
        cls.Ticket = env["helpdesk.ticket"]

    def receive(self, fixture, replace=()):
        """The fixture e-mail through the mail gateway; ``replace``: (old, new)
        pairs of its text changed first (another sender, another Message-ID)."""
        raw = (FIXTURES / fixture).read_bytes()
        for old, new in replace:
            self.assertIn(old.encode(), raw)
            raw = raw.replace(old.encode(), new.encode())
        return self.env["mail.thread"].message_process(None, raw)

    def tickets(self):
        return self.Ticket.search([("team_id", "=", self.team.id)], order="id")


@tagged("post_install", "-at_install", "crossborder_ops_helpdesk_sale")
class TestMarketplaceIntake(IntakeData, MailCase, TransactionCase):
    def test_each_marketplace_message_opens_a_ticket_of_its_order(self):
        cases = [
            # fixture, channel, order, buyer, country, language
            ("amazon_buyer_message.eml", self.amazon, self.order, self.buyer, "base.uk", None),
            ("ebay_member_message.eml", self.ebay, self.ebay_order, self.bob, "base.us", "en_US"),
            # the delivery address is in Germany, the customer in Switzerland
            ("shop_contact_form.eml", self.shop, self.shop_order, self.maria, "base.de", "de_DE"),
        ]
        for fixture, channel, order, buyer, country, lang in cases:
            with self.subTest(fixture=fixture):
                ticket = self.Ticket.browse(self.receive(fixture))
                self.assertEqual(ticket.channel_id, channel)
                self.assertEqual(ticket.marketplace_order_ref, order.client_order_ref)
                self.assertEqual(ticket.sale_order_id, order)
                self.assertIn(order, ticket.sale_order_ids)
                self.assertEqual(ticket.partner_id, buyer)
                self.assertEqual(ticket.buyer_country_id, self.env.ref(country))
                if lang:
                    self.assertEqual(ticket.buyer_lang_id.code, lang)
        shop_ticket = self.tickets()[-1]
        self.assertEqual(
            shop_ticket.marketplace_reply_to,
            "maria.kunde@example.de",
            "the contact form's buyer is in Reply-To, the shop's mailer in From",
        )
        # every AliExpress buyer writes from the same notice address, and the
        # number is in the text he types: the agent links the order (audit 78, H1)
        ali_ticket = self.Ticket.browse(self.receive("aliexpress_message.eml"))
        self.assertEqual(ali_ticket.channel_id, self.aliexpress)
        self.assertFalse(ali_ticket.sale_order_id)
        self.assertIn(
            self.ali_order.client_order_ref,
            " ".join(ali_ticket.message_ids.filtered("subtype_id.internal").mapped("body")),
        )
        self.assertFalse(
            ali_ticket.marketplace_reply_to,
            "AliExpress takes answers in its Message Center, not at its notice address",
        )
        self.assertNotIn("aliexpress", ali_ticket.partner_email or "")

    def test_plain_mail_to_the_team_keeps_the_helpdesk_ways(self):
        self.env["mail.alias"].create(
            {
                "alias_name": "t-support",
                "alias_domain_id": self.env["mail.alias.domain"].search([("name", "=", DOMAIN)]).id,
                "alias_model_id": self.env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
                "alias_contact": "everyone",
                "alias_defaults": repr({"team_id": self.team.id}),
            }
        )
        raw = (
            "From: Paul <paul@example.org>\nTo: t-support@{domain}\n"
            "Subject: Invoice copy for order 204-1234567-7654321\n"
            "Message-ID: <plain-{n}@example.org>\n{extra}\nPlease send the invoice again.\n"
        )
        ticket = self.Ticket.browse(
            self.env["mail.thread"].message_process(
                None, raw.format(domain=DOMAIN, n=1, extra="Content-Type: text/plain")
            )
        )
        self.assertTrue(ticket)
        self.assertFalse(ticket.channel_id)
        self.assertFalse(ticket.marketplace_reply_to, "no marketplace: replies as usual")
        self.assertFalse(ticket.marketplace_order_ref, "no channel says what its orders look like")
        auto = raw.format(domain=DOMAIN, n=2, extra="Auto-Submitted: auto-replied")
        self.assertFalse(self.env["mail.thread"].message_process(None, auto))

    def test_message_about_an_unknown_order_still_opens_a_ticket(self):
        self.ebay_order.client_order_ref = False  # not imported yet
        ticket = self.Ticket.browse(self.receive("ebay_member_message.eml"))
        self.assertEqual(ticket.channel_id, self.ebay)
        self.assertFalse(ticket.sale_order_id)
        self.assertEqual(ticket.partner_email, "bob_collects_us.r8k2p@members.ebay.com")
        # the number waits for the agent: kept on the ticket, the sender would have
        # become the order's known relay once it is imported (outside audit 79, L2)
        self.assertFalse(ticket.marketplace_order_ref)
        self.assertIn("12-34567-89012", " ".join(ticket.message_ids.mapped("body")))

    def test_amazon_message_records_relay_and_photos(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        self.assertEqual(ticket.marketplace_reply_to, "3k7xyz9q2mnbvcx@marketplace.amazon.co.uk")
        self.assertEqual(ticket.buyer_photo_count, 2, "two photos; Amazon's logo is not one")
        self.assertEqual(
            ticket.name, "Inquiry from Amazon customer Jane (Order: 204-1234567-7654321)"
        )

    def test_follow_ups_thread_into_the_ticket(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        # with thread headers
        self.assertEqual(self.receive("amazon_followup.eml"), ticket.id)
        # without: same channel and order number, ticket still open
        self.assertEqual(self.receive("amazon_followup_no_headers.eml"), ticket.id)
        self.assertEqual(self.tickets(), ticket)
        buyer_messages = ticket.message_ids.filtered(
            lambda m: m.message_type == "email" and not m.subtype_id.internal
        )
        self.assertEqual(len(buyer_messages), 3)

    def test_no_thread_into_a_closed_ticket(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        new_id = self.receive("amazon_followup_no_headers.eml")
        self.assertNotEqual(new_id, ticket.id)
        self.assertEqual(self.Ticket.browse(new_id).sale_order_id, self.order)

    def test_auto_reply_and_no_response_needed_open_nothing(self):
        before = self.Ticket.search_count([])
        self.assertFalse(self.receive("amazon_auto_reply.eml"))
        self.assertFalse(self.receive("amazon_no_response_needed.eml"))
        self.assertEqual(self.Ticket.search_count([]), before)

    def test_mail_handed_over_for_tickets_is_routed_the_same(self):
        """An incoming mail server that creates tickets hands the mail over for
        the ticket model, past the aliases: the auto-reply opened a ticket, the
        follow-up another (outside audit 62, F4)."""
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        before = self.tickets()

        def handed_over(fixture):
            # to a mailbox no alias reads, as a mail server's is
            raw = (
                (FIXTURES / fixture)
                .read_bytes()
                .replace(
                    b"To: t-amazon@cbo-intake.example.com", b"To: seller@shop-mailbox.example.com"
                )
            )
            return self.env["mail.thread"].message_process(
                "helpdesk.ticket", raw, custom_values={"team_id": self.team.id}
            )

        self.assertFalse(handed_over("amazon_auto_reply.eml"))
        self.assertEqual(handed_over("amazon_followup_no_headers.eml"), ticket.id)
        self.assertEqual(self.tickets(), before, "no ticket more")

    def test_auto_reply_known_by_its_subject_opens_nothing(self):
        """A marketplace relay's out-of-office without the standard headers, only
        its subject ("Automatische Antwort: ..."), opened a ticket; the help desk's
        list of such subjects is read here too. The buyer's own message opens one."""
        no_headers = (
            ("Auto-Submitted: auto-replied\n", ""),
            ("X-Autoreply: yes\n", ""),
            ("Precedence: auto_reply\n", ""),
        )
        before = self.Ticket.search_count([])
        self.assertFalse(self.receive("amazon_auto_reply.eml", no_headers))
        self.assertEqual(self.Ticket.search_count([]), before)
        self.assertTrue(
            self.receive(
                "amazon_auto_reply.eml",
                (
                    *no_headers,
                    ("Automatische Antwort: Your", "Re: Your"),
                    ("<ooo-8hq2lk3p0zzv6aa-1@", "<buyer-8hq2lk3p0zzv6aa-2@"),
                ),
            ),
            "the buyer's answer opens a ticket",
        )

    def test_no_response_needed_on_an_open_ticket_is_a_note(self):
        self.order.client_order_ref = "302-7654321-1234567"
        ticket = self.Ticket.create(
            {
                "name": "Where is my parcel",
                "description": "?",
                "team_id": self.team.id,
                "channel_id": self.amazon.id,
                "marketplace_order_ref": "302-7654321-1234567",
            }
        )
        self.assertEqual(self.receive("amazon_no_response_needed.eml"), ticket.id)
        last = ticket.message_ids[0]
        self.assertIn("No response needed", str(last.body))
        self.assertTrue(last.subtype_id.internal, "kept for the agent, not a buyer message")

    def test_reply_goes_to_the_relay_from_the_accepted_address(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        ticket.message_subscribe(partner_ids=self.buyer.ids)  # the order's customer
        agent_ticket = ticket.with_user(self.agent)
        with self.mock_mail_gateway():
            agent_ticket.message_post(
                body="We are sending a new lamp today.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        sent = [m for m in self._mails if "We are sending" in m["body"]]
        self.assertEqual(len(sent), 1, "one e-mail, to the relay only")
        self.assertEqual(sent[0]["email_to"], ["3k7xyz9q2mnbvcx@marketplace.amazon.co.uk"])
        self.assertIn("seller-central@shop.example.com", sent[0]["email_from"])
        self.assertFalse(sent[0]["subject"].startswith("[Important]"))
        # order-critical: tagged, and the tick is used up
        agent_ticket.reply_order_critical = True
        with self.mock_mail_gateway():
            agent_ticket.message_post(
                body="Your replacement ships today.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        sent = [m for m in self._mails if "replacement ships" in m["body"]]
        self.assertTrue(sent[0]["subject"].startswith("[Important] "))
        self.assertFalse(ticket.reply_order_critical)
        # a note goes to nobody outside
        with self.mock_mail_gateway():
            agent_ticket.message_post(body="Checked the stock.", subtype_xmlid="mail.mt_note")
        self.assertFalse([m for m in self._mails if "Checked the stock" in m["body"]])

    def test_reply_reaches_the_relay_once_and_the_customer_is_not_suggested(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        suggested = ticket._message_get_suggested_recipients()
        self.assertNotIn(self.buyer.id, [s.get("partner_id") for s in suggested])
        # the agent ticked the relay address suggested from the buyer's message
        relay = self.env["res.partner"].create(
            {"name": "Jane (Amazon)", "email": "3k7xyz9q2mnbvcx@marketplace.amazon.co.uk"}
        )
        with self.mock_mail_gateway():
            ticket.with_user(self.agent).message_post(
                body="A new lamp is on its way.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=relay.ids,
            )
        sent = [m for m in self._mails if "new lamp is on its way" in m["body"]]
        self.assertEqual(len(sent), 1)

    def test_opt_out_notice_shows_on_the_ticket(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        ticket.user_id = self.agent
        self.assertEqual(self.receive("amazon_optout_notice.eml"), ticket.id)
        self.assertTrue(ticket.buyer_opted_out)
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.agent)
        self.assertEqual(activity.summary, "Buyer opted out of messages")
        notice = ticket.message_ids.filtered(lambda m: "opted out of receiving" in str(m.body))
        self.assertTrue(notice.subtype_id.internal, "the marketplace's notice is a note")
        self.assertEqual(self.tickets(), ticket)
        # the next bounce adds no to-do; the order-critical reply closes it (audit a3 F6)
        again = (
            (FIXTURES / "amazon_optout_notice.eml")
            .read_bytes()
            .replace(b"amazon-notice-5@", b"amazon-notice-6@")
        )
        self.assertEqual(self.env["mail.thread"].message_process(None, again), ticket.id)
        self.assertEqual(ticket.activity_ids, activity)
        ticket.with_user(self.agent).reply_order_critical = True
        with self.mock_mail_gateway():
            ticket.with_user(self.agent).message_post(
                body="Your replacement ships today.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(ticket.activity_ids, "answered: the to-do is done")

    def test_channel_patterns_must_be_valid(self):
        with self.assertRaises(ValidationError):
            self.amazon.intake_order_pattern = r"(\d{3}-"
        with self.assertRaises(ValidationError):
            self.amazon.reply_from_email = "seller central"


@tagged("post_install", "-at_install", "crossborder_ops_helpdesk_sale")
class TestMarketplaceBuyerOnlyThroughTheRelay(JsonRpc, IntakeData, HttpCase):
    """A marketplace buyer is reached through his relay address only: the reply
    from the chatter went there, but Odoo's own e-mails of the ticket (the
    stage's "ticket closed" e-mail, an e-mail to several tickets at once) went to
    the order's customer record, an address the marketplace forbids."""

    def _mails_of(self, ticket):
        return self.env["mail.mail"].sudo().search([("res_id", "=", ticket.id)])

    def test_odoos_own_emails_go_to_the_relay(self):
        ticket = self.Ticket.browse(self.receive("amazon_buyer_message.eml"))
        relay = "3k7xyz9q2mnbvcx@marketplace.amazon.co.uk"
        self.assertEqual(ticket.partner_id, self.buyer, "the order's customer")
        ticket.user_id = self.agent
        self.authenticate(self.agent.login, self.agent.login)
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_ids": ticket.ids,
                    "composition_mode": "mass_mail",
                    "subject": "Your lamp",
                    "body": "Your lamp ships tomorrow.",
                }
            ],
        )
        self.assertFalse(error, error)
        result, error = self._call_kw("mail.compose.message", "action_send_mail", [[composer]])
        self.assertFalse(error, error)
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self.assertTrue(cancelled.mail_template_id, "closing e-mails the customer")
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [ticket.ids, {"stage_id": cancelled.id}]
        )
        self.assertIs(result, True, error)
        mails = self._mails_of(ticket)
        self.assertIn("Your lamp", mails.mapped("subject"))
        self.assertTrue(
            [s for s in mails.mapped("subject") if "is closed" in (s or "")],
            "the closing e-mail",
        )
        for mail in mails:
            with self.subTest(subject=mail.subject):
                self.assertNotIn(self.buyer, mail.recipient_ids)
                self.assertNotIn("jane.buyer@example.com", f"{mail.email_to} {mail.email_cc}")
                if mail.subject == "Your lamp" or "is closed" in mail.subject:
                    self.assertIn(relay, mail.email_to or "")
