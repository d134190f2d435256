# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 11 played over the wire, as the roles' own clients would: JSON-RPC from
the web client's session (portal customer, agent, department manager), the
portal pages, and XML-RPC."""

import re

from odoo import http
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import MonitorHttpCase, causes_of

BLAME = [
    "root_cause_id",
    "root_cause_link",
    "responsible_department_id",
    "attribution_state",
    "attribution_note",
    "attribution_user_id",
    "first_response_hours",
    "resolution_hours",
    "reopen_count",
    "recurrence_ids",
]


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestRpcAttacks(MonitorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("crossborder_ops_helpdesk.recurrence_threshold", 3)
        cls.portal_user = new_test_user(
            cls.env, login="cbo_buyer", name="Bea Buyer", groups="base.group_portal"
        )
        cls.ticket = cls._ticket(
            name="My lamp arrived broken",
            category_id=cls.cat_after.id,
            partner_id=cls.portal_user.partner_id.id,
            root_cause_id=cls.c_wrong_item.id,
            user_id=cls.agent.id,
        )
        cls.ticket.with_user(cls.wh_manager_user).action_dispute_attribution(
            "The supplier packed the wrong colour", causes=causes_of(cls.ticket)
        )

    # Portal customers read internal blame ----------------------------------
    def test_portal_customer_reads_his_ticket_not_the_blame(self):
        self.authenticate("cbo_buyer", "cbo_buyer")
        result, error = self._call_kw(
            "helpdesk.ticket", "read", [self.ticket.ids, ["name", "stage_id", "description"]]
        )
        self.assertFalse(error)
        self.assertEqual(result[0]["name"], "My lamp arrived broken", "his ticket")
        for field in BLAME:
            with self.subTest(field=field):
                result, error = self._call_kw("helpdesk.ticket", "read", [self.ticket.ids, [field]])
                self.assertIsNone(result)
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        result, error = self._call_kw(
            "helpdesk.ticket",
            "search_count",
            [[("responsible_department_id.name", "=", "T-Warehouse")]],
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", "no guessing by search")
        described, error = self._call_kw("helpdesk.ticket", "fields_get", [], attributes=["type"])
        self.assertFalse(set(BLAME) & set(described))
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("My lamp arrived broken", page.text)
        self.assertNotIn("wrong colour", page.text)
        self.assertNotIn("T-Warehouse", page.text)

    def test_portal_customer_opens_his_files_not_the_agents_notes(self):
        """The agent attaches a refund approval to an internal note: the customer's
        page neither lists it nor gives it a download token (it did, audit b #1)."""
        Attachment = self.env["ir.attachment"]

        def draft(name):  # a file the agent uploads in the chatter's composer
            return Attachment.with_user(self.agent).create(
                {"name": name, "raw": b"%PDF " + name.encode(), "res_model": "mail.compose.message"}
            )

        note_file = draft("refund_approval_internal.pdf")
        internal_file = draft("supplier_claim_internal.pdf")
        reply_file = draft("return_label.pdf")
        loose_file = Attachment.with_user(self.agent).create(
            {"name": "carrier_invoice.pdf", "raw": b"%PDF", "res_model": "helpdesk.ticket"}
            | {"res_id": self.ticket.id}
        )
        # the customer's own photo, as the portal's ticket form stores it
        own_file = (
            Attachment.with_user(self.portal_user)
            .sudo()
            .create(
                {
                    "name": "broken_lamp.jpg",
                    "raw": b"jpg",
                    "res_model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                }
            )
        )
        self.authenticate("cbo_agent", "cbo_agent")
        for file, kwargs in (
            (note_file, {"subtype_xmlid": "mail.mt_note"}),
            (internal_file, {"subtype_xmlid": "mail.mt_comment", "is_internal": True}),
            (reply_file, {"subtype_xmlid": "mail.mt_comment"}),
        ):
            _result, error = self._call_kw(
                "helpdesk.ticket",
                "message_post",
                [self.ticket.ids],
                body=f"see {file.name}",
                message_type="comment",
                attachment_ids=file.ids,
                **kwargs,
            )
            self.assertFalse(error)
        self.assertEqual(
            set(self.ticket.attachment_ids.ids),
            set((note_file | internal_file | reply_file | loose_file | own_file).ids),
        )
        self.authenticate("cbo_buyer", "cbo_buyer")
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        for shown in (reply_file, own_file):
            self.assertIn(shown.name, page.text)
            self.assertTrue(shown.access_token)
            download = self.url_open(
                f"/web/content/{shown.id}?download=true&access_token={shown.access_token}"
            )
            self.assertEqual(download.content, shown.raw)
        for hidden in (note_file, internal_file, loose_file):
            with self.subTest(file=hidden.name):
                self.assertFalse(hidden.name in page.text, "not listed on his page")
                self.assertFalse(hidden.access_token, "no token handed out")

    def test_department_manager_reads_his_department_only(self):
        other = self._ticket(name="Late parcel", root_cause_id=self.c_late.id)
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        result, error = self._call_kw(
            "helpdesk.ticket", "read", [self.ticket.ids, ["attribution_note"]]
        )
        self.assertEqual(result[0]["attribution_note"], "The supplier packed the wrong colour")
        result, error = self._call_kw("helpdesk.ticket", "read", [other.ids, ["name"]])
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")

    # Departments certify themselves, over the wire ---------------------------
    def test_agent_forges_a_confirmation_over_json_rpc(self):
        self.authenticate("cbo_agent", "cbo_agent")
        for values in (
            {"attribution_state": "confirmed"},
            {"reopen_count": 0, "first_response_hours": 0.1},
        ):
            with self.subTest(values=values):
                result, error = self._call_kw("helpdesk.ticket", "write", [self.ticket.ids, values])
                self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
                self.assertIn("set by the system", error.get("message", ""))
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [self.ticket.ids, {"root_cause_id": "Late delivery"}]
        )
        self.assertIn("Choose the root cause from the list", error.get("message", ""))
        self.ticket.invalidate_recordset()
        self.assertEqual(
            (self.ticket.attribution_state, self.ticket.root_cause_id),
            ("disputed", self.c_wrong_item),
            "nothing changed",
        )

    def test_department_manager_verifies_his_action_over_json_rpc(self):
        action = self.env["crossborder.corrective.action"].create(
            {
                "name": "Label colours on the shelf",
                "department_id": self.warehouse.id,
                "root_cause_id": self.c_wrong_item.id,
            }
        )
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        result, error = self._call_kw("crossborder.corrective.action", "action_done", [action.ids])
        self.assertIs(result, True)
        result, error = self._call_kw(
            "crossborder.corrective.action",
            "web_save",
            [action.ids, {"state": "verified", "effectiveness": "effective"}],
            specification={"state": {}},
        )
        self.assertEqual(error.get("name"), "odoo.exceptions.AccessError")
        action.invalidate_recordset()
        self.assertEqual((action.state, action.effectiveness), ("done", False))

    # The close gate has side doors: the portal close route ------------------
    def _close_from_portal(self, ticket):
        return self.url_open(
            "/ticket/close",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "stage_id": self.stage_done.id,
                "ticket_id": ticket.id,
            },
            allow_redirects=False,
        )

    def test_no_colleague_gets_the_link_that_posts_as_the_customer(self):
        """The ticket's link token lets whoever holds it post as the customer without
        a login. An agent took it from "portal URL" (or the share wizard) and posted
        "Thanks, all fine now" as the customer: his clock started, a closed ticket
        reopened against the trainee who closed it (outside audit 3, A1)."""
        self.authenticate("cbo_agent", "cbo_agent")
        url, error = self._call_kw("helpdesk.ticket", "get_portal_url", [self.ticket.ids])
        self.assertFalse(error, error)
        self.assertEqual(url, f"/my/ticket/{self.ticket.id}", "a colleague logs in to open it")
        token = self.ticket.sudo().access_token
        self.assertTrue(token, "the system made one (for the customer's e-mails)")
        self.assertNotIn(token, url)
        self.assertNotIn("access_token", url)
        wizard, error = self._call_kw(
            "portal.share",
            "default_get",
            [["share_link"]],
            context={"active_model": "helpdesk.ticket", "active_id": self.ticket.id},
        )
        self.assertFalse(error, error)
        self.assertNotIn(token, wizard["share_link"])
        self.assertNotIn("hash=", wizard["share_link"])
        # a neighbour in the colleague's ticket list, whose page links to this one
        other = self._ticket(
            name="My lamp arrived broken again",
            category_id=self.cat_after.id,
            root_cause_id=self.c_wrong_item.id,
            user_id=self.agent.id,
        )
        other_token = other.sudo()._portal_ensure_token()
        for login in ("cbo_agent", "cbo_wh_mgr"):
            self.authenticate(login, login)
            # the page's previous/next links come from the list he looked at
            self.url_open("/my/tickets?search_in=name&search=My lamp arrived broken")
            for method, args, kwargs in (
                ("read", [self.ticket.ids, ["access_token"]], {}),
                ("search_count", [[("access_token", "=", token)]], {}),
                ("write", [self.ticket.ids, {"access_token": "known-to-me"}], {}),
                ("formatted_read_group", [[]], {"groupby": ["access_token"]}),
            ):
                with self.subTest(login=login, method=method):
                    result, error = self._call_kw("helpdesk.ticket", method, args, **kwargs)
                    self.assertEqual(error.get("name"), "odoo.exceptions.AccessError", result)
            described, error = self._call_kw("helpdesk.ticket", "fields_get", [])
            self.assertNotIn("access_token", described, "nor offered to export")
            # the ticket's page, opened logged in, holds no token; its chatter reads
            page = self.url_open(f"/my/ticket/{self.ticket.id}")
            self.assertIn("My lamp arrived broken", page.text)
            self.assertNotIn(token, page.text, login)
            neighbour = self.url_open(f"/my/ticket/{other.id}").text
            self.assertIn(f"/my/ticket/{self.ticket.id}", neighbour, "its next/previous link")
            self.assertNotIn(token, neighbour, "nor in the link of its neighbour")
            self.assertNotIn(other_token, neighbour + page.text)
            result, error = self._rpc(
                "/mail/chatter_fetch",
                {"thread_model": "helpdesk.ticket", "thread_id": self.ticket.id},
            )
            self.assertFalse(error, error)
        self.assertEqual(self.ticket.sudo().access_token, token, "nobody set another")
        # a colleague's answer still gives the customer his link, signed for him
        self.ticket.with_user(self.agent).message_post(
            body="We send a new lamp.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.portal_user.partner_id.ids,
        )
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.portal_user.partner_id.ids)], order="id desc", limit=1
        )
        self.assertIn(f"access_token={token}", mail.body_html)
        self.assertIn("hash=", mail.body_html)
        # the customer's link, as his e-mails carry it, still posts as him
        self.authenticate(None, None)
        result, error = self._rpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.ticket.id,
                "token": token,
                "post_data": {"body": "It broke again.", "message_type": "comment"},
            },
        )
        self.assertFalse(error, error)
        self.assertEqual(
            self.ticket.message_ids[:1].author_id, self.portal_user.partner_id, "his message"
        )
        # and his page's chatter, logged in, reads with it
        self.authenticate("cbo_buyer", "cbo_buyer")
        result, error = self._rpc(
            "/mail/chatter_fetch",
            {"thread_model": "helpdesk.ticket", "thread_id": self.ticket.id, "token": token},
        )
        self.assertFalse(error, error)

    def test_a_link_in_a_message_closes_no_ticket(self):
        """A customer's message carries ``<img src="/ticket/close?ticket_id=…">``: the
        agent's browser that shows it must not close that ticket in her name (outside
        audit 3, A2). The route closes on the page's form only (POST, CSRF token)."""
        ticket = self._ticket(name="Do you ship to Peru?", category_id=self.cat_pre.id)
        query = f"/ticket/close?ticket_id={ticket.id}&stage_id={self.stage_done.id}"
        for login in ("cbo_agent", "cbo_buyer"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.url_open(query, allow_redirects=False)
                with mute_logger("odoo.http"):  # "No CSRF validation token provided"
                    response = self.url_open(
                        "/ticket/close",
                        data={"stage_id": self.stage_done.id, "ticket_id": ticket.id},
                        allow_redirects=False,
                    )
                self.assertNotEqual(response.status_code, 302, "no CSRF token, no closing")
                ticket.invalidate_recordset()
                self.assertFalse(ticket.closed)
        # the customer's page shows its close buttons, each posting its CSRF token
        mine = self._ticket(name="Wrong size", partner_id=self.portal_user.partner_id.id)
        self.authenticate("cbo_buyer", "cbo_buyer")
        page = self.url_open(f"/my/ticket/{mine.id}").text
        forms = re.findall(r'<form[^>]*action="/ticket/close"[^>]*>.*?</form>', page, re.S)
        self.assertTrue(forms, "the Close buttons show on his page")
        for form in forms:
            self.assertIn('method="post"', form.lower())
            self.assertIn('name="csrf_token"', form)
        self.assertIn(mine.number, page, "and the ticket's number")
        # and that post closes the customer's ticket
        self.assertEqual(self._close_from_portal(mine).status_code, 302)
        mine.invalidate_recordset()
        self.assertTrue(mine.closed, "the customer closes his ticket from its page")

    def test_customer_closes_his_ticket_and_the_agent_is_asked_for_the_cause(self):
        ticket = self._ticket(
            name="Zipper broken",
            category_id=self.cat_after.id,
            partner_id=self.portal_user.partner_id.id,
            user_id=self.agent.id,
        )
        question = self._ticket(
            name="Do you ship to Chile?",
            category_id=self.cat_pre.id,
            partner_id=self.portal_user.partner_id.id,
        )
        stranger = new_test_user(self.env, login="cbo_stranger", groups="base.group_portal")
        self.authenticate(stranger.login, stranger.login)
        self._close_from_portal(question)
        self._close_from_portal(ticket)
        self.assertFalse((question | ticket).filtered("closed"), "somebody else's tickets")
        self.authenticate("cbo_buyer", "cbo_buyer")
        response = self._close_from_portal(ticket)
        self.assertTrue(ticket.closed, "the customer may close his ticket")
        self.assertTrue(response.headers["Location"].endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(
            ticket.activity_ids.mapped("summary"),
            ["Closed by the customer without a root cause: classify it"],
        )
        self.assertEqual(ticket.activity_ids.user_id, self.agent)
        # the system's to-do: not assigned by the customer, whose address the
        # agent's reply would go to (outside audit 56, F1)
        self.assertEqual(ticket.activity_ids.create_uid, self.env.ref("base.user_root"))
        told = self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertTrue(told, "the agent is told of his to-do")
        self.assertNotIn(self.portal_user.partner_id, told.author_id)
        # reopened by the agent, closed again by a customer who reads Chinese: still
        # one to-do, and the note in the agent's language (audit a3 F8)
        ticket.with_user(self.agent).stage_id = self.stage_new
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["crossborder_ops_helpdesk"], ["zh_CN"], overwrite=True
        )
        self.portal_user.lang = "zh_CN"
        self.authenticate("cbo_buyer", "cbo_buyer")
        self._close_from_portal(ticket)
        self.assertTrue(ticket.closed)
        self.assertEqual(
            ticket.activity_ids.mapped("summary"),
            ["Closed by the customer without a root cause: classify it"],
        )
        notes = ticket.message_ids.filtered(lambda m: "before it had a root cause" in m.body)
        self.assertEqual(len(notes), 2, "each closing noted, in the agent's English")
        self.assertEqual(
            {(n.author_id, n.subtype_id.internal) for n in notes},
            {(self.env.ref("base.partner_root"), True)},
            "the system's note for the agent, not a message of the customer (audit 42, A5)",
        )

    # XML-RPC clients ---------------------------------------------------------
    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")  # "XML-RPC is deprecated": on purpose
    def test_buttons_answer_xml_rpc_clients(self):
        action = self.env["crossborder.corrective.action"].create(
            {
                "name": "Double-box lamps",
                "department_id": self.warehouse.id,
                "root_cause_id": self.c_wrong_item.id,
            }
        )
        for _ in range(2):
            self._ticket(root_cause_id=self.c_wrong_item.id, product_id=self.product.id)
        self._ticket(root_cause_id=self.c_wrong_item.id, product_id=self.product.id)
        recurrence = self.env["crossborder.recurrence"].search(
            [("root_cause_id", "=", self.c_wrong_item.id)], limit=1
        )
        self.assertTrue(recurrence)
        db = self.env.cr.dbname
        rpc = self.xmlrpc_object.execute_kw
        self.assertIs(
            rpc(
                db,
                self.wh_manager_user.id,
                "cbo_wh_mgr",
                "crossborder.corrective.action",
                "action_done",
                [action.ids],
            ),
            True,
        )
        self.assertIs(
            rpc(
                db,
                self.cs_manager.id,
                "cbo_cs_manager",
                "crossborder.recurrence",
                "action_close",
                [recurrence.ids],
            ),
            True,
        )
        self.assertEqual((action.state, recurrence.state), ("done", "closed"))
