# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The contact of a waiting lead, reached by a new salesperson over JSON-RPC
through the doors an outside tester found open: copy_data, sale_crm's customer
wizard, the conversion wizards re-pointed by write, and exports that reach the
lead through another record. And the notes of earlier owners, which the
readme promises him."""

import csv
import io
import json

from odoo import http
from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import EMAIL, PHONE, PoolCase, PoolRpc

STREET = "Hauptstraße 1"
BARE_EMAIL = "einkauf@nur-mail.example"  # the e-mail of a waiting lead without customer


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestMaskPaths(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_a.group_ids += cls.env.ref("base.group_allow_export")
        cls.waiting = cls._waiting_customer_lead(
            street=STREET, function="Head of purchasing", website="https://kunde-gmbh.example"
        )
        # a waiting lead with only an e-mail, which a known contact has
        cls.bare_contact = cls.env["res.partner"].create(
            {"name": "Berta Einkauf", "email": BARE_EMAIL}
        )
        cls.bare = cls._lead("Nur Mail SARL", cls.fr, email_from=BARE_EMAIL)
        cls.mine = cls._lead(
            "Nadia's own",
            cls.de,
            user=cls.new_a,
            contact_name="Olga Own",
            email_from="o@own.example",
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def assertNoContact(self, found, msg=None):
        """Nothing of the waiting leads' buyers in ``found``."""
        text = str(found)
        for secret in (
            EMAIL,
            "anna.schmidt",
            "Anna",
            "Schmidt",
            PHONE,
            "1234567",
            STREET,
            "Head of purchasing",
            "https://kunde-gmbh.example",
            BARE_EMAIL,
            "Berta",
        ):
            self.assertNotIn(secret, text, msg)

    # ------------------------------------------------------------------
    # 1. copy_data
    # ------------------------------------------------------------------
    def test_copy_data_of_a_waiting_lead_is_refused(self):
        """copy() was refused, copy_data (public) returned the contact in clear."""
        refused = self.assertRpcRefused(
            "claim it before", "crm.lead", "copy_data", [self.waiting.id]
        )
        self.assertNoContact(refused)
        [values] = self.rpc("crm.lead", "copy_data", [self.mine.id])
        self.assertEqual(values["contact_name"], "Olga Own", "her own lead copies as before")
        self.waiting.with_user(self.new_a).action_claim()
        [values] = self.rpc("crm.lead", "copy_data", [self.waiting.id])
        self.assertEqual(values["email_from"], EMAIL, "hers once claimed")

    # ------------------------------------------------------------------
    # 2. sale_crm's "New quotation" customer wizard
    # ------------------------------------------------------------------
    def test_quotation_customer_wizard_names_no_customer(self):
        if "crm.quotation.partner" not in self.env:
            self.skipTest("sale_crm is not installed")
        for lead in (self.waiting, self.bare):
            context = {"active_model": "crm.lead", "active_id": lead.id, "active_ids": lead.ids}
            with self.subTest(lead=lead.name):
                refused = self.assertRpcRefused(
                    "claim it before",
                    "crm.quotation.partner",
                    "default_get",
                    ["lead_id", "partner_id", "action"],
                    context=context,
                )
                self.assertNoContact(refused)
                refused = self.assertRpcRefused(
                    "claim it before",
                    "crm.quotation.partner",
                    "onchange",
                    [],
                    {},
                    [],
                    {
                        "lead_id": {},
                        "action": {},
                        "partner_id": {"fields": {"display_name": {}, "email": {}, "phone": {}}},
                    },
                    context=context,
                )
                self.assertNoContact(refused)
        # made without defaults, the wizard cannot make the customer of the
        # hidden address nor link one
        for values in (
            {"lead_id": self.bare.id, "action": "create"},
            {"lead_id": self.bare.id, "action": "exist", "partner_id": self.bare_contact.id},
        ):
            with self.subTest(values=values):
                context = {"active_model": "crm.lead"}
                wizard = self.rpc("crm.quotation.partner", "create", values, context=context)
                self.assertRpcRefused(
                    "claim it before",
                    "crm.quotation.partner",
                    "action_apply",
                    [wizard],
                    context=context,
                )
        self.assertEqual(
            self.env["res.partner"].search([("email", "=", BARE_EMAIL)]), self.bare_contact
        )
        self.assertFalse(self.bare.partner_id)
        self.waiting.with_user(self.new_a).action_claim()
        context = {"active_model": "crm.lead", "active_id": self.waiting.id}
        defaults = self.rpc(
            "crm.quotation.partner",
            "default_get",
            ["lead_id", "partner_id", "action"],
            context=context,
        )
        self.assertEqual(
            (defaults["partner_id"], defaults["action"]),
            (self.customer.id, "exist"),
            "hers once claimed: her customer is proposed",
        )

    # ------------------------------------------------------------------
    # 3. the conversion wizards, re-pointed by write
    # ------------------------------------------------------------------
    def test_conversion_wizard_cannot_be_repointed_at_a_waiting_lead(self):
        """Opened on her own lead, the wizard's lead was written to the waiting
        one: the wizard then showed its contact name and customer."""
        spec = {"lead_id": {}, "lead_contact_name": {}, "partner_id": {"fields": {"email": {}}}}
        context = {"active_model": "crm.lead", "active_id": self.mine.id}
        wizard = self.rpc(
            "crm.lead2opportunity.partner", "create", {"lead_id": self.mine.id}, context=context
        )
        for method, args in (
            # a lead given to onchange as a record ({"id": ...}) is the lead itself
            ("onchange", [[], {"lead_id": {"id": self.waiting.id}}, ["lead_id"], spec]),
            ("write", [[wizard], {"lead_id": self.waiting.id}]),
            ("web_save", [[wizard], {"lead_id": self.waiting.id}, spec]),
            ("write", [[wizard], {"duplicated_lead_ids": [(6, 0, self.waiting.ids)]}]),
        ):
            with self.subTest(method=method, values=args[1]):
                refused = self.assertRpcRefused(
                    "claim it before", "crm.lead2opportunity.partner", method, *args
                )
                self.assertNoContact(refused)
        [shown] = self.rpc(
            "crm.lead2opportunity.partner",
            "read",
            [wizard],
            ["lead_id", "lead_contact_name", "partner_id", "duplicated_lead_ids"],
        )
        self.assertNoContact(shown)
        self.assertEqual(
            (shown["lead_id"][0], shown["lead_contact_name"]), (self.mine.id, "Olga Own")
        )

    def test_mass_conversion_wizard_cannot_be_repointed_at_a_waiting_lead(self):
        model = "crm.lead2opportunity.partner.mass"
        context = {
            "active_model": "crm.lead",
            "active_id": self.mine.id,
            "active_ids": self.mine.ids,
        }
        wizard = self.rpc(model, "create", {}, context=context)
        for values in (
            {"lead_id": self.waiting.id},
            {"lead_tomerge_ids": [(6, 0, self.waiting.ids)]},
            {"lead_tomerge_ids": [(4, self.waiting.id)]},
        ):
            with self.subTest(values=values):
                refused = self.assertRpcRefused(
                    "claim it before", model, "write", [wizard], values, context=context
                )
                self.assertNoContact(refused)
        [shown] = self.rpc(
            model, "read", [wizard], ["lead_id", "lead_contact_name", "lead_tomerge_ids"]
        )
        self.assertNoContact(shown)
        self.assertEqual(shown["lead_tomerge_ids"], self.mine.ids)
        for context in (
            {"active_model": "crm.lead", "active_ids": [self.mine.id, self.waiting.id]},
            {"active_model": "crm.lead", "active_ids": self.waiting.ids},
        ):
            with self.subTest(context=context):
                self.assertRpcRefused(
                    "claim it before",
                    model,
                    "create",
                    {"lead_id": self.mine.id},
                    context=context,
                )

    # ------------------------------------------------------------------
    # 4. exports that reach the lead through another record
    # ------------------------------------------------------------------
    LEAD_COLUMNS = (
        "email_from",
        "phone",
        "partner_id/email",
        "partner_id/name",
        "contact_name",
        "street",
        "function",
        "website",
        "email_normalized",
        "partner_id/id",
    )

    def _export(self, model, record_id, relation):
        columns = [f"{relation}/{column}" for column in self.LEAD_COLUMNS]
        return self.rpc(
            model,
            "export_data",
            [record_id],
            [f"{relation}/name", *columns],
            context={"import_compat": False},
        )["datas"]

    def test_exports_through_other_records_mask_the_contact(self):
        """With the standard "Allowed to export" right: her own lost-reason,
        release and merge wizards, her meeting and her audit line pointed at
        the waiting lead exported its contact in clear."""
        lead = self.waiting.id
        lost = self.rpc("crm.lead.lost", "create", {"lead_ids": [(6, 0, [lead])]})
        release = self.rpc(
            "crossborder.lead.release.wizard", "create", {"lead_ids": [(6, 0, [lead])]}
        )
        merge = self.rpc("crm.merge.opportunity", "create", {"opportunity_ids": [(6, 0, [lead])]})
        # she once held the lead, met the customer and gave it back: the
        # meeting stays in her calendar, the move on her audit lines
        meeting = self.hold_meet_and_give_back(self.waiting)
        [event] = self.rpc(
            "crossborder.pool.event",
            "search",
            [("lead_id", "=", lead), ("kind", "=", "release")],
        )
        for model, record_id, relation in (
            ("crm.lead.lost", lost, "lead_ids"),
            ("crossborder.lead.release.wizard", release, "lead_ids"),
            ("crm.merge.opportunity", merge, "opportunity_ids"),
            ("calendar.event", meeting, "opportunity_id"),
            ("crossborder.pool.event", event, "lead_id"),
        ):
            with self.subTest(model=model):
                rows = self._export(model, record_id, relation)
                self.assertEqual(rows[0][0], "Kunde GmbH", "the lead itself is exported")
                self.assertNoContact(rows)
                self.assertEqual(rows[0][1], "•••@kunde-gmbh.example", "as its read shows")
        # the web client's export route
        response = self.url_open(
            "/web/export/csv",
            data={
                "data": json.dumps(
                    {
                        "model": "crm.lead.lost",
                        "fields": [
                            {"name": f"lead_ids/{column}", "label": column}
                            for column in ("name", *self.LEAD_COLUMNS)
                        ],
                        "ids": [lost],
                        "domain": [],
                        "import_compat": False,
                    }
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        rows = list(csv.reader(io.StringIO(response.text)))
        self.assertEqual(rows[1][0], "Kunde GmbH")
        self.assertNoContact(rows)
        # the lead's own export, and a mixed one in the lead's order
        rows = self.rpc(
            "crm.lead",
            "export_data",
            [self.mine.id, lead, self.bare.id],
            ["name", *self.LEAD_COLUMNS],
        )["datas"]
        self.assertEqual([row[0] for row in rows], ["Nadia's own", "Kunde GmbH", "Nur Mail SARL"])
        self.assertEqual(rows[0][1], "o@own.example", "her own lead in clear")
        self.assertNoContact(rows[1:])
        # claimed, it is hers
        self.waiting.with_user(self.new_b).action_claim()
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.new_b.group_ids += self.env.ref("base.group_allow_export")
        rows = self.rpc(
            "crossborder.lead.release.wizard",
            "export_data",
            [self.rpc("crossborder.lead.release.wizard", "create", {"lead_ids": [(6, 0, [lead])]})],
            ["lead_ids/name", "lead_ids/email_from", "lead_ids/partner_id/name"],
            context={"import_compat": False},
        )["datas"]
        self.assertEqual(rows, [["Kunde GmbH", EMAIL, "Anna Schmidt"]])

    # ------------------------------------------------------------------
    # 5. the notes of earlier owners
    # ------------------------------------------------------------------
    def test_notes_of_earlier_owners_are_shown_not_the_customers_mail(self):
        """The readme promises the notes of earlier owners: a "Log note" (a
        comment of the internal Note subtype) was hidden with the customer's
        mail; only the system's own lines showed."""
        lead = self.waiting.with_user(self.manager)
        notes = lead.message_post(
            body="Buys only in Q4", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        notes |= lead._message_log(body="Prefers calls on Tuesdays")
        # an earlier owner who has left the company since
        notes |= lead.message_post(
            body="Samples sent in May",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.veteran.partner_id.id,
        )
        self.veteran.action_archive()
        # the correspondence with the customer, and notes that carry him
        customer_mail = lead.message_post(
            body=f"Regards, Anna: {PHONE}", message_type="email", author_id=self.customer.id
        )
        customer_mail |= lead.message_post(
            body="Our offer, Anna", message_type="comment", partner_ids=self.customer.ids
        )
        customer_mail |= lead.message_post(
            body="Anna wrote this",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.customer.id,
        )
        customer_mail |= lead.message_post(
            body="Copy to Anna",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.customer.ids,
        )
        self.env.flush_all()
        fetched = self.route(
            "/mail/thread/messages", thread_model="crm.lead", thread_id=self.waiting.id
        )
        shown = self.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "crm.lead"), ("res_id", "=", self.waiting.id)],
            ["body", "author_id", "partner_ids"],
        )
        for found in (fetched["data"], shown):
            for body in ("Buys only in Q4", "Prefers calls on Tuesdays", "Samples sent in May"):
                self.assertIn(body, str(found), "a note of an earlier owner")
            self.assertNoContact(found)
        self.assertEqual(sorted(row["id"] for row in shown if row["id"] in customer_mail.ids), [])
        self.assertEqual(
            len(self.rpc("mail.message", "read", notes.ids, ["body"])), 3, "read by id too"
        )
        for message in customer_mail:
            with self.subTest(message=message.body):
                refused = self.assertRpcRefused(
                    "claim the lead to read", "mail.message", "read", message.ids, ["body"]
                )
                self.assertNoContact(refused)
        notified = self.rpc(
            "mail.notification",
            "search_read",
            [("mail_message_id", "in", (notes | customer_mail).ids)],
            ["res_partner_id"],
        )
        self.assertNoContact(notified)

    def test_the_activities_of_a_waiting_lead_are_its_own_to_claim(self):
        """A waiting lead's activities assigned to others (its pool manager, a
        colleague, a meeting's) say whom to call and how: hidden with the lead's
        contact from those who must claim it, as its meetings are (outside
        audit 14, F3). Once claimed, they are his to see."""
        todo = self.waiting.with_user(self.manager).activity_schedule(
            "mail.mail_activity_data_call",
            summary=f"Call Anna Schmidt at {PHONE}",
            note=f"<p>{EMAIL}</p>",
            user_id=self.manager.id,
        )
        # one done since: its summary, note and feedback are a message of the lead
        done = self.waiting.with_user(self.manager).activity_schedule(
            "mail.mail_activity_data_call",
            summary="Called Anna Schmidt",
            note=f"<p>{EMAIL}</p>",
            user_id=self.manager.id,
        )
        done.with_user(self.manager).action_feedback(feedback=f"Her mobile: {PHONE}")
        self.env.flush_all()
        fetched = self.route(
            "/mail/thread/messages", thread_model="crm.lead", thread_id=self.waiting.id
        )
        self.assertNoContact(fetched["data"], "the done activity's message (audit 16, C)")
        self.assertNoContact(
            self.rpc(
                "mail.message",
                "search_read",
                [("model", "=", "crm.lead"), ("res_id", "=", self.waiting.id)],
                ["body"],
            )
        )
        spec = {"activity_ids": {"fields": {"summary": {}, "note": {}}}, "activity_summary": {}}
        for found in (
            self.rpc(
                "mail.activity",
                "search_read",
                [("res_model", "=", "crm.lead"), ("res_id", "=", self.waiting.id)],
                ["summary", "note"],
            ),
            self.rpc("crm.lead", "read", self.waiting.ids, ["activity_summary", "activity_ids"]),
            self.rpc("crm.lead", "web_read", self.waiting.ids, specification=spec),
        ):
            self.assertNoContact(found)
        for domain in (
            [("activity_ids.summary", "ilike", "Schmidt")],
            [("activity_summary", "ilike", "Schmidt")],
            [("activity_ids.note", "ilike", "anna.schmidt")],
        ):
            with self.subTest(domain=domain):
                self.assertEqual(self.rpc("crm.lead", "search_count", domain), 0, "no guess")
        # whose call it is, of which type and when, through what Odoo computes from
        # the activities (outside audit 21, 4)
        call = self.env.ref("mail.mail_activity_data_call")
        for domain in (
            [("activity_user_id", "=", self.manager.id)],
            [("activity_type_id", "=", call.id)],
            [("activity_date_deadline", "!=", False)],
            [("activity_state", "in", ["overdue", "today", "planned"])],
            [("activity_exception_decoration", "=", False), ("activity_user_id", "!=", False)],
        ):
            with self.subTest(domain=domain):
                domain = [("id", "=", self.waiting.id), *domain]
                self.assertEqual(self.rpc("crm.lead", "search_count", domain), 0, "no guess")
        grouped = self.rpc(
            "crm.lead",
            "formatted_read_group",
            [("id", "=", self.waiting.id)],
            ["activity_state"],
            ["__count"],
        )
        self.assertEqual([group["activity_state"] for group in grouped], [False])
        states = self.rpc(
            "crm.lead",
            "read_progress_bar",
            [("id", "=", self.waiting.id)],
            "stage_id",
            {"field": "activity_state", "colors": {"planned": "success", "overdue": "danger"}},
        )
        self.assertFalse(any(states.values()), "the pipeline's activity bar counts none")
        shown = self.rpc(
            "crm.lead",
            "read",
            self.waiting.ids,
            ["activity_user_id", "activity_type_id", "activity_date_deadline", "activity_state"],
        )
        self.assertEqual(set(shown[0].values()), {self.waiting.id, False})
        refused = self.assertRpcRefused("claim the lead", "mail.activity", "read", todo.ids)
        self.assertNoContact(refused)
        grouped = self.rpc(
            "mail.activity",
            "formatted_read_group",
            [("res_model", "=", "crm.lead")],
            ["summary"],
            ["__count"],
        )
        self.assertNoContact(grouped)
        # claimed: his lead, its activities with it
        self.rpc("crm.lead", "action_claim", self.waiting.ids)
        found = self.rpc("mail.activity", "read", todo.ids, ["summary"])
        self.assertIn(PHONE, str(found))
