# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Doors of helpdesk_mgmt's own, played from outside: the portal customer's
JSON-RPC on his ticket, and the chatter of a department manager who only reads
the tickets traced to his department."""

from email.message import EmailMessage

from odoo import http
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import MonitorHttpCase, causes_of

ACCESS = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestPortalSideDoors(MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env, login="cbo_buyer", name="Bea Buyer", groups="base.group_portal"
        )
        other_buyer = cls.env["res.partner"].create({"name": "Otto Other", "email": "o@ex.com"})
        cls.original = cls._ticket(
            name="Otto's refund for order T-5521",
            category_id=cls.cat_after.id,
            partner_id=other_buyer.id,
            root_cause_id=cls.c_wrong_item.id,
            user_id=cls.agent.id,
        )
        cls.mine = cls._ticket(
            name="My lamp arrived broken",
            category_id=cls.cat_after.id,
            partner_id=cls.portal_user.partner_id.id,
            user_id=cls.agent.id,
        )
        cls.mine.duplicate_id = cls.original
        cls.blamed = cls._ticket(
            name="Wrong colour",
            category_id=cls.cat_after.id,
            partner_id=cls.portal_user.partner_id.id,
            root_cause_id=cls.c_wrong_item.id,
            user_id=cls.agent.id,
        )

    def test_customer_does_not_read_the_duplicate_mark(self):
        """The customer read on his ticket the ticket it duplicates, another
        customer's (its number and title: "Otto's refund for order T-5521"), and so
        that the agents marked his problem as counted elsewhere."""
        self.authenticate("cbo_buyer", "cbo_buyer")
        result, error = self._call_kw("helpdesk.ticket", "read", [self.mine.ids, ["name"]])
        self.assertFalse(error, "his own ticket")
        for field in ("duplicate_id", "duplicate_ids", "duplicate_count"):
            with self.subTest(field=field):
                result, error = self._call_kw("helpdesk.ticket", "read", [self.mine.ids, [field]])
                self.assertEqual(error.get("name"), ACCESS)
                self.assertNotIn("Otto", str(result))
        result, error = self._call_kw(
            "helpdesk.ticket", "search_count", [[("duplicate_id.name", "ilike", "refund")]]
        )
        self.assertEqual(error.get("name"), ACCESS, "no guessing by search")

    def test_department_manager_emails_no_customer_by_a_side_door(self):
        """A department manager may not answer customers, yet he e-mailed one: a
        note naming the customer (a note's recipients get it by e-mail), a note
        to a typed-in address, a notification to him, and the composer's mass
        mode, which mails each selected ticket's customer (audit F10, F14)."""
        customer = self.portal_user.partner_id
        customer.email = "bea.buyer@example.com"
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        note = {"message_type": "comment", "subtype_xmlid": "mail.mt_note"}
        for method, kwargs in (
            ("message_post", note | {"partner_ids": customer.ids}),
            ("message_post", note | {"outgoing_email_to": "bea.buyer@example.com"}),
            ("message_notify", {"partner_ids": customer.ids}),
            # a note's id and a reply's xmlid: message_post takes the xmlid (audit H1)
            (
                "message_post",
                {
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_note").id,
                    "subtype_xmlid": "mail.mt_comment",
                },
            ),
            # marked internal, a reply still goes to the followers (audit H3)
            (
                "message_post",
                {
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "is_internal": True,
                },
            ),
        ):
            with self.subTest(method=method, kwargs=kwargs):
                result, error = self._call_kw(
                    "helpdesk.ticket",
                    method,
                    [self.blamed.ids],
                    body="Not our fault: the supplier packed the wrong colour",
                    **kwargs,
                )
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertIn("note for its agents", error["message"])
        composer, error = self._call_kw(
            "mail.compose.message",
            "create",
            [
                {
                    "model": "helpdesk.ticket",
                    "res_ids": self.blamed.ids,
                    "composition_mode": "mass_mail",
                    "subject": "About your order",
                    "body": "Not our fault: the supplier packed the wrong colour",
                }
            ],
        )
        self.assertFalse(error, error)
        result, error = self._call_kw("mail.compose.message", "action_send_mail", [[composer]])
        self.assertEqual(error.get("name"), ACCESS, result)
        self.assertIn("note for its agents", error["message"])
        for is_note, partners in ((False, []), (True, customer.ids)):
            with self.subTest(scheduled_note=is_note):
                result, error = self._call_kw(
                    "mail.scheduled.message",
                    "create",
                    [
                        {
                            "model": "helpdesk.ticket",
                            "res_id": self.blamed.id,
                            "body": "Not our fault: the supplier packed the wrong colour",
                            "is_note": is_note,
                            "partner_ids": [(6, 0, partners)],
                            "scheduled_date": "2099-01-01 08:00:00",
                        }
                    ],
                )
                self.assertEqual(error.get("name"), ACCESS, result)
        # the chatter's Send button, which posts in sudo (audit H2), and mail's own
        # notification with the ticket as model (audit H4)
        result, error = self._rpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.blamed.id,
                "post_data": {
                    "body": "Walter here: full refund approved",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "partner_ids": customer.ids,
                },
            },
        )
        self.assertIn("note for its agents", error.get("message", ""), result)
        result, error = self._rpc(
            "/web/dataset/call_kw/mail.thread/message_notify",
            {
                "model": "mail.thread",
                "method": "message_notify",
                "args": [[]],
                "kwargs": {
                    "model": "helpdesk.ticket",
                    "res_id": self.blamed.id,
                    "partner_ids": customer.ids,
                    "body": "Walter here: full refund approved",
                },
            },
        )
        self.assertEqual(error.get("name"), ACCESS, result)
        template = self.env.ref("helpdesk_mgmt.closed_ticket_template")
        result, error = self._call_kw("mail.template", "send_mail", [template.ids, self.blamed.id])
        self.assertEqual(error.get("name"), ACCESS, result)
        # nor by giving himself the customer's address, where the agents' notes
        # naming him would go (audit H8)
        for model, ids in (
            ("res.users", self.wh_manager_user.ids),
            ("res.partner", self.wh_manager_user.partner_id.ids),
        ):
            with self.subTest(model=model):
                result, error = self._call_kw(
                    model, "write", [ids, {"email": "bea.buyer@example.com"}]
                )
                self.assertIn(
                    error.get("name"),
                    ("odoo.exceptions.ValidationError", ACCESS),
                    result,
                )
        self.assertNotEqual(self.wh_manager_user.email, "bea.buyer@example.com")
        # a note naming a colleague stays his to write
        result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.blamed.ids],
            body="Ada, we checked the picking list",
            partner_ids=self.agent.partner_id.ids,
            **note,
        )
        self.assertFalse(error, error)
        self.env.invalidate_all()
        mails = self.env["mail.mail"].sudo().search([("recipient_ids", "in", customer.ids)])
        mails |= self.env["mail.mail"].sudo().search([("email_to", "ilike", "bea.buyer")])
        self.assertFalse(mails, "no e-mail to the customer")
        self.env.invalidate_all()
        self.assertFalse(self.blamed.first_response_date, "nobody answered")
        self.assertFalse(
            self.env["mail.notification"]
            .sudo()
            .search(
                [("res_partner_id", "=", customer.id), ("mail_message_id.body", "ilike", "colour")]
            )
        )

    def test_department_manager_writes_notes_not_replies(self):
        """The warehouse manager, who reads the tickets traced to his department to
        answer for their cause, posted a reply to the customer on one (helpdesk_mgmt
        lets anyone who reads a ticket post on it): the buyer got the department's
        dispute by e-mail, with the agents' internal file attached, and the reply
        counted as the ticket's first response and answered the buyer's messages
        (the agent's numbers)."""
        note_file = (
            self.env["ir.attachment"]
            .with_user(self.agent)
            .create(
                {
                    "name": "refund_approval_internal.pdf",
                    "raw": b"%PDF",
                    "res_model": "helpdesk.ticket",
                    "res_id": self.blamed.id,
                }
            )
        )
        self.blamed.with_user(self.agent).message_post(
            body="internal", subtype_xmlid="mail.mt_note", attachment_ids=note_file.ids
        )
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        for kwargs in (
            {"subtype_xmlid": "mail.mt_comment"},
            {"subtype_xmlid": "mail.mt_comment", "message_type": "email"},
            {"subtype_id": self.env.ref("mail.mt_comment").id},
        ):
            with self.subTest(kwargs=kwargs):
                result, error = self._call_kw(
                    "helpdesk.ticket",
                    "message_post",
                    [self.blamed.ids],
                    body="Not our fault: the supplier packed the wrong colour",
                    attachment_ids=note_file.ids,
                    **({"message_type": "comment"} | kwargs),
                )
                self.assertEqual(error.get("name"), ACCESS)
                self.assertIn("note", error["message"])
        # a note to the agents stays his to write
        result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.blamed.ids],
            body="We checked the picking list",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(error)
        self.blamed.with_user(self.wh_manager_user).action_dispute_attribution(
            "Not us", causes=causes_of(self.blamed)
        )
        self.env.invalidate_all()
        self.assertFalse(self.blamed.first_response_date)
        public = self.blamed.message_ids.filtered(
            lambda m: not m.subtype_id.internal and not m.is_internal and "colour" in m.body
        )
        self.assertFalse(public, "nothing reached the customer")
        self.authenticate("cbo_buyer", "cbo_buyer")
        page = self.url_open(f"/my/ticket/{self.blamed.id}")
        self.assertNotIn("refund_approval_internal", page.text)
        self.assertNotIn("Not us", page.text)

    def test_customer_reads_no_note_of_his_ticket(self):
        """The customer read by id the department's dispute ("Not us: the carrier
        crushed the box. Internal: the supplier's box is flimsy too"), an agent's
        note posted over the API and every note the system posts (a replacement
        delivery made, a buyer message marked 'no response needed'): they are
        notifications, which Odoo lets whoever reads the ticket read; ids are
        sequential (outside audit 42, A1). His ticket's messages still show him his
        own message and the agents' reply."""
        ticket = self.blamed
        as_agent = ticket.with_user(self.agent)
        notes = as_agent.message_post(
            body="Ada: the supplier's box is flimsy", subtype_xmlid="mail.mt_note"
        )
        notes |= as_agent.message_post(
            body="Ada: typed in the chatter", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        notes |= as_agent.message_post(
            body="Ada: an internal reply",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            is_internal=True,
        )
        ticket.with_user(self.wh_manager_user).action_dispute_attribution(
            "Not us: the carrier crushed the box", causes=causes_of(ticket)
        )
        notes |= ticket.message_ids.filtered(lambda m: "Not us" in (m.body or ""))
        self.assertEqual(len(notes), 4)
        self.assertEqual(
            notes.mapped("message_type").count("notification"), 2, "API and system notes"
        )
        reply = as_agent.message_post(
            body="We send you a new lamp today",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            partner_ids=self.portal_user.partner_id.ids,
        )
        self.authenticate("cbo_buyer", "cbo_buyer")
        own, error = self._rpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": ticket.id,
                "post_data": {
                    "body": "Thank you",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        self.assertFalse(error, error)
        for note in notes:
            with self.subTest(note=note.body):
                result, error = self._call_kw("mail.message", "read", [note.ids, ["body"]])
                self.assertEqual(error.get("name"), ACCESS, result)
                self.assertNotIn("Not us", str(result))
        result, error = self._call_kw("mail.message", "read", [notes.ids, ["body"]])
        self.assertEqual(error.get("name"), ACCESS, "nor among others")
        result, error = self._call_kw(
            "mail.message", "read", [[reply.id, own["message_id"]], ["body"]]
        )
        self.assertFalse(error, "his ticket's messages")
        self.assertIn("new lamp", str(result))
        result, error = self._rpc(
            "/mail/thread/messages",
            {"thread_model": "helpdesk.ticket", "thread_id": ticket.id},
        )
        self.assertFalse(error, error)
        self.assertIn(reply.id, result["messages"])
        self.assertIn(own["message_id"], result["messages"])
        self.assertFalse(set(notes.ids) & set(result["messages"]))
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Not us", page.text)
        self.assertNotIn("flimsy", page.text)

    def test_customers_message_is_no_answer(self):
        """The portal customer and an employee who is the ticket's customer write
        on it without editing rights. The employee's message on his own ticket
        (his laptop charger) counted as the agents' first response."""
        self.authenticate("cbo_buyer", "cbo_buyer")
        result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [self.blamed.ids],
            body="Any news?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(error)
        employee = new_test_user(self.env, login="cbo_emp", groups="base.group_user")
        own = self._ticket(name="My laptop charger", partner_id=employee.partner_id.id)
        self.authenticate("cbo_emp", "cbo_emp")
        result, error = self._call_kw(
            "helpdesk.ticket",
            "message_post",
            [own.ids],
            body="Still broken",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(error)
        self.assertFalse(own.first_response_date, "his own message is no answer")

    def test_files_of_the_mail_gateway_stay_on_their_notes(self):
        """The agent answered the internal note about a refund by e-mail, with the
        approval attached: the mail gateway (run by OdooBot) filed the e-mail as a
        note, and the customer's page listed its file with a download token, as if
        he had uploaded it (the portal route reads the ticket as OdooBot: every file
        OdooBot stored on the ticket was "his")."""
        self.agent.email = "ada.agent@example.com"
        note = self.blamed.with_user(self.agent).message_post(
            body="Refund approved?", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        mail = EmailMessage()
        mail["From"] = self.agent.email
        mail["To"] = "support@example.com"
        mail["Subject"] = "Re: Wrong colour"
        mail["Message-ID"] = "<cbo-portal-gateway-note@example.com>"
        mail["In-Reply-To"] = note.message_id
        mail.set_content("Approved, see the file.")
        mail.add_attachment(
            b"%PDF refund", maintype="application", subtype="pdf", filename="refund_ok.pdf"
        )
        self.env["mail.thread"].message_process("helpdesk.ticket", mail.as_string())
        reply = self.blamed.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(reply.attachment_ids.mapped("name"), ["refund_ok.pdf"])
        self.assertTrue(reply.subtype_id.internal, "the gateway keeps a reply to a note a note")
        file = reply.attachment_ids
        self.authenticate("cbo_buyer", "cbo_buyer")
        page = self.url_open(f"/my/ticket/{self.blamed.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("refund_ok.pdf", page.text)
        file.invalidate_recordset()
        self.assertFalse(file.access_token, "no token handed out")
        # nor through the ticket's shared link, opened by anyone
        self.authenticate(None, None)
        page = self.url_open(f"/my/ticket/{self.blamed.id}/{self.blamed._portal_ensure_token()}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("refund_ok.pdf", page.text)

    def test_portal_form_offers_its_categories_only(self):
        """The ticket form lists the categories shown on the portal; a customer who
        posted the number of another (an internal after-sales category, or any
        while the company lets customers choose none) got a ticket filed under
        it, its CS stage included. Choosing none, the form files it without one."""
        self.env.company.helpdesk_mgmt_portal_select_category = True
        offered = self.env["helpdesk.ticket.category"].create(
            {"name": "T-Question", "cs_stage": "pre_sales", "show_in_portal": True}
        )
        hidden = self.env["helpdesk.ticket.category"].create(
            {"name": "T-Chargeback", "cs_stage": "after_sales", "show_in_portal": False}
        )
        self.authenticate("cbo_buyer", "cbo_buyer")
        Ticket = self.env["helpdesk.ticket"]

        def submit(category, subject):
            return self.url_open(
                "/submitted/ticket",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "category": category.id,
                    "subject": subject,
                    "description": "Where is my parcel?",
                },
            )

        with mute_logger("odoo.http"):  # the refusal, logged by the route
            submit(hidden, "T-form hidden")
        self.assertFalse(Ticket.search([("name", "=", "T-form hidden")]))
        submit(offered, "T-form offered")
        ticket = Ticket.search([("name", "=", "T-form offered")])
        self.assertEqual((ticket.category_id, ticket.cs_stage), (offered, "pre_sales"))
        self.env.company.helpdesk_mgmt_portal_select_category = False
        submit(hidden, "T-form no choice")
        ticket = Ticket.search([("name", "=", "T-form no choice")])
        self.assertTrue(ticket, "filed, as helpdesk's form files it")
        self.assertFalse(ticket.category_id, "the form offered none: the agents classify it")
