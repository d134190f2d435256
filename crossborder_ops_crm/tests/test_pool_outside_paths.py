# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paths an outside tester found open, playing the salesperson over JSON-RPC:
the pool's own fields given as defaults in the context of a create, the hidden
contact of a waiting lead grouped through another record (her audit lines, her
meeting) or kept on an archived lead, customers of pools working per customer
split through the contact's company or a lead made for oneself, meetings and
activities moved onto a waiting lead, a reserved lead passed to a veteran, and
the Closed Date that results, trials and dormancy count."""

from datetime import timedelta

from odoo.tests import tagged
from odoo.tests.common import HttpCase, freeze_time

from ..models.crossborder_pool_mover import POOL_MOVE
from .common import EMAIL, NOW, PHONE, PoolCase, PoolRpc


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolOutsidePaths(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls._waiting_customer_lead()

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def assertNoContact(self, found, msg=None):
        text = str(found)
        for secret in (EMAIL, "anna.schmidt", "Anna", "Schmidt", PHONE, "1234567"):
            self.assertNotIn(secret, text, msg)

    # ------------------------------------------------------------------
    # the pool's fields as context defaults
    # ------------------------------------------------------------------
    def test_context_defaults_do_not_set_the_pools_fields(self):
        """Given in the values these are refused or dropped; given as
        ``default_*`` keys of the context they were written: a lead of her own
        escalated (out of her private cap, never recycled), protected until
        2099, assigned in 2099 or reserved."""
        far = "2099-01-01 00:00:00"
        context = {
            "default_pool_escalated": True,
            "default_protected_until": "2099-01-01",
            "default_date_open": far,
            "default_reserved_until": far,
            "default_last_progress_date": far,
            "default_pool_entry_date": "2000-01-01 00:00:00",
            "default_recycle_count": 7,
            "default_last_owner_id": self.new_b.id,
        }
        [lead_id] = self.rpc(
            "crm.lead",
            "create",
            [{"name": "Mine for ever", "team_id": self.team.id, "country_id": self.de.id}],
            context=context,
        )
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual((lead.user_id, lead.pool_id), (self.new_a, self.pool_eu))
        self.assertFalse(lead.pool_escalated, "an escalation is the pool's")
        self.assertFalse(lead.protected_until, "only pool managers protect a lead")
        self.assertFalse(lead.reserved_until)
        self.assertFalse(lead.last_owner_id)
        self.assertEqual(lead.recycle_count, 0)
        self.assertEqual(lead.date_open, NOW, "crm's own assignment date")
        self.assertEqual(lead.last_progress_date, NOW)
        self.assertEqual(lead.pool_entry_date, NOW)
        self.assertEqual(lead.pool_recycle_date, NOW + timedelta(days=14), "the clock runs")
        caps = self.m_new_a._pool_caps()[(self.new_a.id, self.team.id)]
        self.assertEqual(caps["held"], 1, "counted against her private cap")
        # a pool manager may still give them
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        [protected] = self.rpc(
            "crm.lead",
            "create",
            [{"name": "Protected", "team_id": self.team.id, "country_id": self.de.id}],
            context={"default_protected_until": "2099-01-01"},
        )
        self.assertEqual(str(self.env["crm.lead"].browse(protected).protected_until), "2099-01-01")

    # ------------------------------------------------------------------
    # the hidden contact grouped through another record
    # ------------------------------------------------------------------
    def test_other_records_grouped_by_the_lead_name_no_contact(self):
        """Nadia held the lead, met the customer and gave it back: her audit
        lines and her meeting stay hers. Grouped by ``lead_id.email_from`` (or
        the phone, the customer), they returned the contact she must claim the
        lead to see again."""
        lead = self.waiting.id
        self.hold_meet_and_give_back(self.waiting)
        cases = [
            ("crossborder.pool.event", relation, column)
            for relation in ("lead_id",)
            for column in ("email_from", "phone", "partner_id", "partner_id.email", "contact_name")
        ] + [
            ("calendar.event", "opportunity_id", column)
            for column in ("email_from", "email_normalized", "partner_id")
        ]
        for model, relation, column in cases:
            with self.subTest(model=model, column=column):
                groups = self.rpc(
                    model,
                    "formatted_read_group",
                    [(relation, "=", lead)],
                    [f"{relation}.{column}"],
                    ["__count"],
                )
                self.assertTrue(groups, "her own records are there")
                self.assertNoContact(groups)
        # claimed by Noah, it is his: grouped as before
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.rpc("crm.lead", "action_claim", [lead])
        groups = self.rpc(
            "crossborder.pool.event",
            "formatted_read_group",
            [("lead_id", "=", lead)],
            ["lead_id.email_from"],
            ["__count"],
        )
        self.assertIn(EMAIL, str(groups))

    def test_an_archived_waiting_lead_keeps_its_contact_hidden(self):
        """A pool manager archived a waiting lead (Archive, not Lost: it stays
        open in the pool). Its read masked the contact; its chatter (the
        customer's e-mail), its files and her audit lines grouped by its e-mail
        showed him."""
        lead = self.waiting.id
        self.rpc("crm.lead", "action_claim", [lead])
        self.rpc(
            "crossborder.lead.release.wizard",
            "action_release",
            [self.rpc("crossborder.lead.release.wizard", "create", {"lead_ids": [(6, 0, [lead])]})],
        )
        manager = self.waiting.with_user(self.manager)
        manager.message_post(
            body=f"Regards, Anna: {PHONE}", message_type="email", author_id=self.customer.id
        )
        self.env["ir.attachment"].create(
            {"name": "anna.vcf", "raw": EMAIL.encode(), "res_model": "crm.lead", "res_id": lead}
        )
        manager.action_archive()
        self.assertEqual(self.waiting.won_status, "pending", "archived, not lost")
        everything = {"active_test": False}
        [values] = self.rpc("crm.lead", "read", [lead], ["email_from"], context=everything)
        self.assertNoContact(values, "its read is masked")
        for found in (
            self.rpc(
                "mail.message",
                "search_read",
                [("model", "=", "crm.lead"), ("res_id", "=", lead)],
                ["body", "author_id"],
            ),
            self.route("/mail/thread/messages", thread_model="crm.lead", thread_id=lead)["data"],
            self.rpc(
                "ir.attachment",
                "search_read",
                [("res_model", "=", "crm.lead"), ("res_id", "=", lead)],
                ["name"],
            ),
            self.rpc(
                "crossborder.pool.event",
                "formatted_read_group",
                [("lead_id", "=", lead)],
                ["lead_id.email_from"],
                ["__count"],
            ),
        ):
            with self.subTest(found=str(found)[:80]):
                self.assertNoContact(found)
                self.assertNotIn("anna.vcf", str(found))

    def test_a_contact_moved_to_another_company_does_not_move_pool_customers(self):
        """In a pool working per customer the customer is the company of the
        lead's contact. Nadia moved the contact of her customer to the company
        Vera holds (res.partner ``write`` of the Company): Vera's customer was
        split between them, past the rules the lead's Customer field obeys."""
        Partner = self.env["res.partner"]
        kunde = Partner.create({"name": "T-Kunde AG", "is_company": True})
        autre = Partner.create({"name": "T-Autre SARL", "is_company": True})
        hans = Partner.create({"name": "Hans", "parent_id": kunde.id})
        pierre = Partner.create({"name": "Pierre", "parent_id": autre.id})
        self.pool_eu.ownership_mode = "customer"
        veras = self._lead("Kunde: pumps", partner_id=hans.id)
        nadias = self._lead("Autre: tender", self.fr, partner_id=pierre.id)
        veras.with_user(self.veteran).action_claim()
        nadias.with_user(self.new_a).action_claim()
        own_leads = "Pierre is the contact of open leads in the pool EU, which works per customer"
        for values, refusal in (
            ({"parent_id": kunde.id}, "T-Kunde AG is held by Vera Veteran in the pool EU"),
            ({"parent_id": False}, own_leads),
            ({"is_company": True}, own_leads),
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(refusal, "res.partner", "write", [pierre.id], values)
        self.assertEqual(pierre.commercial_partner_id, autre)
        self.assertFalse(self.pool_eu._split_customers(), "Vera holds Kunde alone")
        self.assertIs(
            self.rpc("res.partner", "write", [pierre.id], {"phone": "+33 1 23 45 67 89"}),
            True,
            "the rest of the contact is hers to edit",
        )
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("res.partner", "write", [pierre.id], {"parent_id": kunde.id})
        self.assertEqual(pierre.commercial_partner_id, kunde, "a pool manager's decision")

    def test_a_lead_made_for_oneself_does_not_split_a_customer(self):
        """In a pool working per customer, the Customer field refuses to move a
        lead to a customer a colleague holds, or who waits in the pool. Nadia
        created a lead for herself with that customer instead (JSON-RPC
        ``create``): the customer was split between Noah and her."""
        Partner = self.env["res.partner"]
        kunde = Partner.create({"name": "T-Kunde AG", "is_company": True})
        hans = Partner.create({"name": "Hans", "parent_id": kunde.id})
        autre = Partner.create({"name": "T-Autre SARL", "is_company": True})
        self.pool_eu.ownership_mode = "customer"
        nohas = self._lead("Kunde: pumps", partner_id=hans.id)
        self._lead("Autre: tender", self.fr, partner_id=autre.id)  # waits in the pool
        nohas.with_user(self.new_b).action_claim()
        for partner, refusal in (
            (kunde, "T-Kunde AG is held by Noah New in the pool EU"),
            (hans, "T-Kunde AG is held by Noah New in the pool EU"),
            (autre, "T-Autre SARL waits in the pool EU: claim the customer there"),
        ):
            with self.subTest(partner=partner.name):
                self.assertRpcRefused(
                    refusal,
                    "crm.lead",
                    "create",
                    [
                        {
                            "name": "Mine now",
                            "team_id": self.team.id,
                            "country_id": self.de.id,
                            "partner_id": partner.id,
                        }
                    ],
                )
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "Mine now")]))
        self.assertFalse(self.pool_eu._split_customers(), "Noah holds Kunde alone")
        [mine] = self.rpc(
            "crm.lead",
            "create",
            [{"name": "Neu", "team_id": self.team.id, "country_id": self.de.id}],
        )
        self.assertEqual(self.env["crm.lead"].browse(mine).user_id, self.new_a, "others as before")

    def test_a_meeting_or_activity_is_not_moved_onto_a_waiting_lead(self):
        """Making a meeting or an activity on a waiting lead is refused (claim it
        first); Nadia made them on her own lead and wrote the waiting lead into
        them (JSON-RPC ``write``): they stuck."""
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        meeting = self.rpc(
            "calendar.event",
            "create",
            {
                "name": "Call",
                "start": "2026-11-11 09:00:00",
                "stop": "2026-11-11 10:00:00",
                "opportunity_id": mine.id,
            },
        )
        call = self.rpc(
            "mail.activity",
            "create",
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": mine.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "user_id": self.new_a.id,
            },
        )
        for model, record, values in (
            ("calendar.event", meeting, {"opportunity_id": self.waiting.id}),
            ("mail.activity", call, {"res_id": self.waiting.id}),
        ):
            with self.subTest(model=model):
                self.assertRpcRefused(
                    "Kunde GmbH is waiting in the EU pool: claim it before you work on it",
                    model,
                    "write",
                    [record],
                    values,
                )
        self.assertEqual(self.env["calendar.event"].browse(meeting).opportunity_id, mine)
        self.assertEqual(self.env["mail.activity"].browse(call).res_id, mine.id)
        other = self._lead("Nadia's other", self.de, user=self.new_a)
        self.rpc("mail.activity", "write", [call], {"res_id": other.id})
        self.assertEqual(self.env["mail.activity"].browse(call).res_id, other.id, "hers: fine")

    def test_an_activity_scheduled_on_a_waiting_lead_is_refused_in_plain_words(self):
        """Scheduling an activity on a waiting lead (the chatter's Activity button,
        ``activity_schedule``, ``mail.activity`` create) was refused with Odoo's
        security message, every other way of working it with "claim it first"
        (outside audit 51, finding 3)."""
        refusal = "Kunde GmbH is waiting in the EU pool: claim it before you work on it"
        todo = self.env.ref("mail.mail_activity_data_todo")
        for method, args, kwargs in (
            (
                "activity_schedule",
                [[self.waiting.id]],
                {"act_type_xmlid": "mail.mail_activity_data_todo", "user_id": self.new_a.id},
            ),
            (
                "create",
                [
                    {
                        "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                        "res_id": self.waiting.id,
                        "activity_type_id": todo.id,
                        "user_id": self.new_a.id,
                    }
                ],
                {},
            ),
        ):
            model = "crm.lead" if method == "activity_schedule" else "mail.activity"
            with self.subTest(method=method):
                self.assertRpcRefused(refusal, model, method, *args, **kwargs)
        # the schedule form's defaults, and an activity or a meeting moved by the
        # model's name (outside audit 54, F2 and F3)
        with self.subTest(path="context defaults"):
            self.assertRpcRefused(
                refusal,
                "mail.activity",
                "create",
                [{"activity_type_id": todo.id, "user_id": self.new_a.id}],
                context={"default_res_model": "crm.lead", "default_res_id": self.waiting.id},
            )
        own = self.new_a.partner_id
        call = self.rpc(
            "mail.activity",
            "create",
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": own.id,
                "activity_type_id": todo.id,
                "user_id": self.new_a.id,
            },
        )
        meeting = self.rpc(
            "calendar.event",
            "create",
            {"name": "Call", "start": "2026-11-11 09:00:00", "stop": "2026-11-11 10:00:00"},
        )
        for model, record in (("mail.activity", call), ("calendar.event", meeting)):
            with self.subTest(path=f"{model} moved by its model's name"):
                self.assertRpcRefused(
                    refusal,
                    model,
                    "write",
                    [record],
                    {"res_model": "crm.lead", "res_id": self.waiting.id},
                )
        self.assertFalse(self.waiting.activity_ids)
        self.assertEqual(self.env["mail.activity"].browse(call).res_model, "res.partner")

    def test_a_reserved_lead_is_not_passed_to_a_veteran(self):
        """A lead back from recycling is reserved to new salespeople (two days
        here). Noah (new) claimed it and passed it to Vera (veteran) over
        JSON-RPC: she had a lead she could not claim herself."""
        lead = self._lead("Idle GmbH", self.de, user=self.new_a)
        lead.with_context(**{POOL_MOVE: True}).sudo().write(
            {"last_progress_date": NOW - timedelta(days=20)}
        )
        self.pool_eu._recycle_batch()
        self.assertEqual(lead.reserved_until, NOW + timedelta(days=2))
        with self.assertRaisesRegex(Exception, "reserved to new salespeople"):
            lead.with_user(self.veteran).action_claim()
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.rpc("crm.lead", "action_claim", [lead.id])
        self.assertRpcRefused(
            "Idle GmbH came back from recycling and is reserved to new salespeople until",
            "crm.lead",
            "write",
            [lead.id],
            {"user_id": self.veteran.id},
        )
        self.assertEqual(lead.user_id, self.new_b)
        with freeze_time(NOW + timedelta(days=3)):
            self.rpc("crm.lead", "write", [lead.id], {"user_id": self.veteran.id})
        self.assertEqual(lead.user_id, self.veteran, "once the reservation is over")

    def test_closed_date_is_not_the_salespersons(self):
        """Conversion over 90 days (caps that follow results), won leads within
        a trial and a customer's last purchase (dormancy) count by Closed Date:
        Nadia wrote it over JSON-RPC, dating a loss out of the window and a win
        into it (or never dormant)."""
        lost = self._lead("Lost one", self.de, user=self.new_a)
        won = self._lead("Won one", self.de, user=self.new_a)
        self.rpc("crm.lead", "action_set_lost", [lost.id])
        self.rpc("crm.lead", "action_set_won", [won.id])
        everything = {"active_test": False}
        for lead, value in (
            (lost, "2020-01-01 00:00:00"),
            (lost, False),
            (won, "2099-01-01 00:00:00"),
        ):
            with self.subTest(lead=lead.name, value=value):
                self.assertRpcRefused(
                    "Closed Date is set when the lead is won or lost",
                    "crm.lead",
                    "write",
                    [lead.id],
                    {"date_closed": value},
                    context=everything,
                )
        self.assertEqual((lost.date_closed, won.date_closed), (NOW, NOW))
        [made_id] = self.rpc(
            "crm.lead",
            "create",
            [
                {
                    "name": "Made won",
                    "team_id": self.team.id,
                    "country_id": self.de.id,
                    "stage_id": won.stage_id.id,
                    "date_closed": "2020-01-01 00:00:00",
                }
            ],
            context={"default_date_closed": "2020-01-01 00:00:00"},
        )
        self.assertEqual(self.env["crm.lead"].browse(made_id).date_closed, NOW, "crm's own")
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", [won.id], {"date_closed": "2026-10-30 10:00:00"})
        self.assertEqual(str(won.date_closed), "2026-10-30 10:00:00", "a manager's correction")
        self.assertEqual(str(won.pool_first_won), "2026-10-30 10:00:00", "what results count")

    def test_the_new_owner_follows_whatever_the_context(self):
        """A claim or a pass made over JSON-RPC with ``tracking_disable`` in the
        context left the new owner out of the lead's followers (the customer's
        replies went to nobody), unlike the same move without it."""
        quiet = {"tracking_disable": True}
        self.rpc("crm.lead", "action_claim", [self.waiting.id], context=quiet)
        self.waiting.invalidate_recordset()
        self.assertIn(self.new_a.partner_id, self.waiting.message_partner_ids)
        self.rpc("crm.lead", "write", [self.waiting.id], {"user_id": self.new_b.id}, context=quiet)
        self.waiting.invalidate_recordset()
        self.assertEqual(self.waiting.user_id, self.new_b)
        self.assertIn(self.new_b.partner_id, self.waiting.message_partner_ids)
        self.assertNotIn(self.new_a.partner_id, self.waiting.message_partner_ids)
