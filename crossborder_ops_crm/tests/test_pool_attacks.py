# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The salesperson, from outside: JSON-RPC calls as a logged-in user makes them
(``/web/dataset/call_kw``, the mail routes), trying every path around the
pool's rules. Each one is refused or masked, and nothing changes.

Every test here failed on the code before the rules held on every path (the
Claim button was the only guarded path)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import HttpCase, freeze_time

from ..models.crossborder_pool_mover import POOL_MOVE
from .common import EMAIL, NOW, PHONE, PoolCase, PoolRpc, RpcRefused


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolAttacks(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_a.group_ids += cls.env.ref("base.group_allow_export")
        cls.waiting = cls._waiting_customer_lead(street="Hauptstraße 1", partner_name="Kunde GmbH")

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    # ------------------------------------------------------------------
    def _fill_claim_cap(self, user):
        """Four claims this week (the new tier's claim cap), released again."""
        leads = self.env["crm.lead"].browse(
            [self._lead(f"taken {i}", self.fr).id for i in range(4)]
        )
        leads.with_user(user).action_claim()
        leads.with_user(user)._release_to_pool("no_capacity")
        return leads

    # ------------------------------------------------------------------
    # caps cannot be walked around through the Salesperson field
    # ------------------------------------------------------------------
    def test_write_self_as_salesperson_at_claim_cap(self):
        self._fill_claim_cap(self.new_a)
        self.assertRpcRefused(
            "claim cap is 4 leads a week",
            "crm.lead",
            "write",
            [self.waiting.id],
            {"user_id": self.new_a.id},
        )
        self.assertFalse(self.waiting.user_id)

    def test_write_self_as_salesperson_is_a_claim(self):
        self.rpc("crm.lead", "write", [self.waiting.id], {"user_id": self.new_a.id})
        self.assertEqual(self.waiting.user_id, self.new_a)
        self.assertEqual(self._events(self.waiting).kind, "claim", "audited as a claim")

    def test_write_colleague_on_waiting_lead(self):
        self.assertRpcRefused(
            "waiting in the EU pool: claim it before you work on it",
            "crm.lead",
            "write",
            [self.waiting.id],
            {"user_id": self.new_b.id},
        )
        self.assertFalse(self.waiting.user_id)

    def test_hand_own_lead_to_colleague_above_his_cap(self):
        for i in range(3):
            self._lead(f"Vera's {i}", self.de, user=self.veteran)
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        self.assertRpcRefused(
            "Vera Veteran may hold 3 open leads .* already holds 3",
            "crm.lead",
            "write",
            [mine.id],
            {"user_id": self.veteran.id},
        )
        self.assertEqual(mine.user_id, self.new_a)

    def test_create_with_owner_and_protection(self):
        self.assertRpcRefused(
            "Only pool managers can protect a lead",
            "crm.lead",
            "create",
            [
                {
                    "name": "protected forever",
                    "team_id": self.team.id,
                    "country_id": self.de.id,
                    "user_id": self.new_a.id,
                    "protected_until": "2099-01-01",
                }
            ],
        )
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "protected forever")]))

    def test_create_with_an_assignment_date_that_stops_the_clock(self):
        lead_id = self.rpc(
            "crm.lead",
            "create",
            [
                {
                    "name": "never recycled",
                    "team_id": self.team.id,
                    "country_id": self.de.id,
                    "date_open": "2099-01-01 00:00:00",
                }
            ],
        )[0]
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(lead.user_id, self.new_a)
        self.assertLess(lead.date_open, fields.Datetime.now() + timedelta(days=1), "crm's own")
        copy_id = self.rpc("crm.lead", "copy", [lead_id])[0]
        self.assertEqual(self.env["crm.lead"].browse(copy_id).user_id, self.new_a, "copies work")

    def test_a_copy_keeps_the_follow_up_clock(self):
        """Victor copied his idle lead before it recycled: the copy started a new
        clock and a recycle count of 0, and he kept the customer for good
        (outside audit 5)."""
        idle = self._lead("Idle reseller", self.de, user=self.new_a)
        long_ago = fields.Datetime.now() - timedelta(days=40)
        idle.sudo().with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": long_ago, "recycle_count": 2}
        )
        copy_id = self.rpc("crm.lead", "copy", [idle.id])[0]
        copy = self.env["crm.lead"].browse(copy_id)
        self.assertEqual(copy.pool_id, idle.pool_id)
        self.assertEqual(copy.last_progress_date, long_ago, "the same clock")
        self.assertEqual(copy.recycle_count, 2)

    def test_create_for_oneself_beyond_private_cap(self):
        for i in range(3):
            self._lead(f"Vera's {i}", self.de, user=self.veteran)
        self.authenticate("cbo_vet", "cbo_vet")
        self.assertRpcRefused(
            "Your private cap is 3 open leads",
            "crm.lead",
            "create",
            [{"name": "one more", "team_id": self.team.id, "country_id": self.de.id}],
        )

    def test_system_fields_are_the_pools(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        long_ago = fields.Datetime.to_string(fields.Datetime.now() - timedelta(days=90))
        for values in (
            {"last_progress_date": fields.Datetime.to_string(fields.Datetime.now())},
            {"date_open": long_ago},
            {"pool_escalated": True},
            {"recycle_count": 0},
            {"reserved_until": long_ago},
            {"last_owner_id": self.new_b.id},
            {"pool_entry_date": long_ago},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    "the pool keeps these itself", "crm.lead", "write", [mine.id], values
                )
        self.assertFalse(mine.pool_escalated)

    def test_context_key_is_not_a_permission(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        for i in range(3):
            self._lead(f"Vera's {i}", self.de, user=self.veteran)
        with self.assertRaises(RpcRefused):
            self.rpc(
                "crm.lead",
                "write",
                [mine.id],
                {"user_id": self.veteran.id},
                context={POOL_MOVE: True},
            )
        self.assertEqual(mine.user_id, self.new_a, "the key skips nothing for a client")

    # ------------------------------------------------------------------
    # a waiting lead is claimed before it is worked
    # ------------------------------------------------------------------
    def test_won_lost_and_stage_on_waiting_lead(self):
        stage = self.env["crm.stage"].search(
            [("is_won", "=", False)], order="sequence desc", limit=1
        )
        self.assertRpcRefused("claim it before", "crm.lead", "action_set_won", [self.waiting.id])
        self.assertRpcRefused("claim it before", "crm.lead", "action_set_lost", [self.waiting.id])
        self.assertRpcRefused(
            "claim it before", "crm.lead", "write", [self.waiting.id], {"stage_id": stage.id}
        )
        self.assertRpcRefused(
            "claim it before", "crm.lead", "write", [self.waiting.id], {"expected_revenue": 1}
        )
        self.assertEqual(self.waiting.won_status, "pending")
        self.assertNotEqual(self.waiting.stage_id, stage)

    def test_merge_with_waiting_lead(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a, email_from="x@example.com")
        self.assertRpcRefused(
            "claim it before",
            "crm.lead",
            "merge_opportunity",
            [mine.id, self.waiting.id],
        )
        self.assertTrue(self.waiting.exists(), "the pool lead is still there")

    def test_post_and_copy_on_waiting_lead(self):
        self.assertRpcRefused(
            "claim it before", "crm.lead", "message_post", [self.waiting.id], body="mine now"
        )
        self.assertRpcRefused("claim it before", "crm.lead", "copy", [self.waiting.id])

    def test_form_is_read_only_until_claimed(self):
        view = self.rpc("crm.lead", "get_views", [[False, "form"]])["views"]["form"]
        self.assertIn('readonly="pool_locked"', view["arch"].replace("'", '"'))
        values = self.rpc("crm.lead", "read", [self.waiting.id], ["pool_locked", "pool_banner"])[0]
        self.assertTrue(values["pool_locked"])
        self.assertEqual(values["pool_banner"], "In the EU pool — claim it to work it.")

    # ------------------------------------------------------------------
    # masked contact details stay masked on every path
    # ------------------------------------------------------------------
    def test_computed_copies_are_masked(self):
        values = self.rpc(
            "crm.lead",
            "read",
            [self.waiting.id],
            [
                "email_from",
                "email_normalized",
                "phone",
                "phone_sanitized",
                "contact_name",
                "street",
            ],
        )[0]
        self.assertNotIn("anna", str(values).lower())
        self.assertNotIn("1234567", str(values))
        self.assertEqual(values["email_normalized"], "•••@kunde-gmbh.example")

    def test_quality_flags_and_next_meeting_are_masked(self):
        """Whether the hidden e-mail and phone are valid, and crm's "Next
        Meeting" with the customer, read and search as nothing until the claim;
        the pipeline and the lead's form load as usual."""
        self.env["calendar.event"].create(
            {
                "name": "Visit",
                "start": NOW + timedelta(days=49),
                "stop": NOW + timedelta(days=49, hours=1),
                "user_id": self.manager.id,
                "partner_ids": [(6, 0, (self.manager.partner_id | self.customer).ids)],
                "opportunity_id": self.waiting.id,
            }
        )
        names = ["email_state", "phone_state", "meeting_display_label", "meeting_display_date"]
        [truth] = self.waiting.read(names)
        self.assertTrue(all(truth[name] for name in names), "known to the system")
        lead = self.waiting.id
        [values] = self.rpc("crm.lead", "read", [lead], names)
        self.assertEqual([values[name] for name in names], [False] * 4)
        [shown] = self.rpc("crm.lead", "web_read", [lead], {name: {} for name in names})
        self.assertEqual([shown[name] for name in names], [False] * 4)
        for name in ("email_state", "phone_state"):
            with self.subTest(name=name):
                domain = [("id", "=", lead), (name, "=", truth[name])]
                self.assertEqual(self.rpc("crm.lead", "search_count", domain), 0)
                self.assertRpcRefused(
                    "cannot be grouped by",
                    "crm.lead",
                    "formatted_read_group",
                    [("id", "=", lead)],
                    [name],
                    ["__count"],
                )
        views = self.rpc(
            "crm.lead",
            "get_views",
            [[False, "kanban"], [False, "list"], [False, "form"]],
            options={"toolbar": True, "load_filters": True},
        )
        self.assertEqual(set(views["views"]), {"kanban", "list", "form"})
        pipeline = self.rpc(
            "crm.lead",
            "web_read_group",
            [("id", "=", lead)],
            ["stage_id"],
            ["__count"],
        )
        self.assertEqual(pipeline["length"], 1, "the pipeline shows the waiting lead")
        listed = self.rpc(
            "crm.lead",
            "web_search_read",
            [("id", "=", lead)],
            {"name": {}, **{name: {} for name in names}},
        )
        self.assertEqual(
            listed["records"], [{"id": lead, "name": "Kunde GmbH", **dict.fromkeys(names, False)}]
        )
        self.rpc("crm.lead", "action_claim", [lead])
        [values] = self.rpc("crm.lead", "read", [lead], names)
        truth["meeting_display_date"] = fields.Date.to_string(truth["meeting_display_date"])
        self.assertEqual(values, truth, "hers once claimed")

    def test_partner_behind_the_lead_is_hidden(self):
        values = self.rpc(
            "crm.lead", "web_read", [self.waiting.id], {"partner_id": {"fields": {"email": {}}}}
        )[0]
        self.assertFalse(values["partner_id"])
        found = self.rpc("crm.lead", "search_count", [("partner_id", "=", self.customer.id)])
        self.assertEqual(found, 0)

    def test_grouped_read_by_email(self):
        self.assertRpcRefused(
            "cannot be grouped by Email",
            "crm.lead",
            "formatted_read_group",
            [("id", "=", self.waiting.id)],
            ["email_from"],
            ["__count"],
        )
        own = self._lead("Nadia's", self.de, user=self.new_a, email_from="own@example.com")
        groups = self.rpc(
            "crm.lead", "formatted_read_group", [("id", "=", own.id)], ["email_from"], ["__count"]
        )
        self.assertIn("own@example.com", str(groups), "her own leads group as usual")
        counted = self.rpc(
            "crm.lead",
            "formatted_read_group",
            [("id", "=", self.waiting.id)],
            [],
            ["email_from:count_distinct", "phone:array_agg"],
        )
        self.assertNotIn(EMAIL, str(counted))
        self.assertNotIn(PHONE, str(counted))

    def test_search_cannot_confirm_a_guess(self):
        for domain in (
            [("email_from", "=", EMAIL)],
            [("email_normalized", "=", EMAIL)],
            [("phone", "ilike", "1234567")],
            [("contact_name", "ilike", "Schmidt")],
            ["!", ("email_from", "!=", EMAIL)],
            [("partner_id.email", "=", EMAIL)],
        ):
            with self.subTest(domain=domain):
                self.assertEqual(self.rpc("crm.lead", "search_count", domain), 0)
        self.assertEqual(
            self.rpc("crm.lead", "search_count", [("partner_name", "=", "Kunde GmbH")]),
            1,
            "the company name is not hidden",
        )
        self.assertFalse(self.rpc("crm.lead", "name_search", EMAIL))

    def test_sorting_by_email_reveals_no_order(self):
        other = self._lead("Zed", self.de, email_from="zed@zzz.example")
        ids = self.rpc(
            "crm.lead",
            "search",
            [("id", "in", [self.waiting.id, other.id])],
            order="email_from desc, id",
        )
        self.assertEqual(ids, sorted(ids), "hidden fields are left out of the order")

    def test_export_masks_contact(self):
        result = self.rpc(
            "crm.lead",
            "export_data",
            [self.waiting.id],
            ["name", "email_from", "phone", "partner_id/email", "email_normalized"],
        )
        self.assertEqual(result["datas"][0][0], "Kunde GmbH")
        self.assertNotIn(EMAIL, str(result))
        self.assertNotIn(PHONE, str(result))

    def test_chatter_hides_the_customers_mail_and_tracked_values(self):
        # an e-mail of the customer arrived, and a manager once corrected the address
        self.waiting.with_user(self.manager).message_post(
            body=f"Regards, Anna — {PHONE}",
            message_type="email",
            author_id=self.customer.id,
        )
        self.waiting.with_user(self.manager).email_from = "anna@kunde-gmbh.example"
        self.env.flush_all()
        messages = self.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "crm.lead"), ("res_id", "=", self.waiting.id)],
            ["body"],
        )
        self.assertNotIn(PHONE, str(messages))
        customer_mail = self.env["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "=", self.waiting.id),
                ("message_type", "=", "email"),
            ]
        )
        self.assertRpcRefused(
            "claim the lead to read", "mail.message", "read", customer_mail.ids, ["body"]
        )
        fetched = self.route(
            "/mail/thread/messages", thread_model="crm.lead", thread_id=self.waiting.id
        )
        self.assertNotIn(EMAIL, str(fetched["data"]))
        self.assertNotIn(PHONE, str(fetched["data"]))

    def test_customer_following_the_lead_is_hidden(self):
        self.waiting.message_subscribe(partner_ids=self.customer.ids)
        data = self.route(
            "/mail/data",
            fetch_params=[
                [
                    "mail.thread",
                    {
                        "thread_model": "crm.lead",
                        "thread_id": self.waiting.id,
                        "request_list": ["followers", "suggestedRecipients"],
                    },
                ]
            ],
        )
        self.assertNotIn(EMAIL, str(data))
        self.assertFalse(
            self.rpc(
                "mail.followers",
                "search_read",
                [("res_model", "=", "crm.lead"), ("res_id", "=", self.waiting.id)],
                ["partner_id"],
            )
        )

    def test_suggested_recipients_and_composer(self):
        recipients = self.route(
            "/mail/thread/recipients", thread_model="crm.lead", thread_id=self.waiting.id
        )
        self.assertEqual(recipients, [])
        self.assertRpcRefused(
            "claim it before",
            "mail.compose.message",
            "create",
            {
                "model": "crm.lead",
                "res_ids": [self.waiting.id],
                "body": "Hello {{ object.email_from }}",
                "composition_mode": "comment",
            },
        )

    def test_sms_and_following_a_waiting_lead(self):
        self.assertRpcRefused(
            "claim it before",
            "sms.composer",
            "create",
            {
                "res_model": "crm.lead",
                "res_id": self.waiting.id,
                "composition_mode": "comment",
                "number_field_name": "phone",
                "body": "Hello",
            },
        )
        self.assertRpcRefused(
            "claim it before",
            "crm.lead",
            "message_subscribe",
            [self.waiting.id],
            partner_ids=self.new_a.partner_id.ids,
        )
        self.assertNotIn(self.new_a.partner_id, self.waiting.message_partner_ids)

    def test_mass_mailing_to_waiting_leads(self):
        for values in (
            {"composition_mode": "mass_mail", "res_ids": [self.waiting.id]},
            {"composition_mode": "mass_mail", "res_domain": [("id", "=", self.waiting.id)]},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    "claim it before",
                    "mail.compose.message",
                    "create",
                    {"model": "crm.lead", "subject": "Offer", "body": "Hello", **values},
                )

    # ------------------------------------------------------------------
    # managers' actions and probing
    # ------------------------------------------------------------------
    def test_manager_actions_refused_to_salespeople(self):
        idle = self._lead("Vera's idle", self.de, user=self.veteran)
        idle.with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": fields.Datetime.now() - timedelta(days=40)}
        )
        for method in ("action_recycle_now", "action_rotate_now", "action_preview_rotation"):
            with self.subTest(method=method):
                self.assertRpcRefused(
                    "Only pool managers", "crossborder.lead.pool", method, [self.pool_eu.id]
                )
        self.assertEqual(idle.user_id, self.veteran, "nothing recycled")
        self.assertFalse(self.waiting.user_id, "nothing rotated")

    def test_claim_probes_nothing(self):
        held = self._lead("Secret deal", self.de, user=self.veteran)
        error = self.assertRpcRefused("not available", "crm.lead", "action_claim", [held.id])
        self.assertNotIn("Secret deal", str(error))
        self.assertNotIn("Vera", str(error))
        missing = self.assertRpcRefused("not available", "crm.lead", "action_claim", [10**9])
        self.assertEqual(
            str(missing), str(error), "the same answer as for a lead that does not exist"
        )

    # ------------------------------------------------------------------
    # honest clocks
    # ------------------------------------------------------------------
    def test_message_as_the_customer_is_not_progress(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        before = fields.Datetime.now() - timedelta(days=10)
        mine.with_context(**{POOL_MOVE: True}).write({"last_progress_date": before})
        self.rpc(
            "crm.lead",
            "message_post",
            [mine.id],
            body="Yes, send me the catalogue",
            message_type="email",
            author_id=self.customer.id,
        )
        mine.invalidate_recordset()
        self.assertEqual(mine.last_progress_date, before)

    def test_stage_back_and_forth_is_not_progress(self):
        stages = self.env["crm.stage"].search(
            [("is_won", "=", False)], order="sequence, id", limit=2
        )
        mine = self._lead("Nadia's", self.de, user=self.new_a, stage_id=stages[1].id)
        before = fields.Datetime.now() - timedelta(days=10)
        mine.with_context(**{POOL_MOVE: True}).write({"last_progress_date": before})
        self.rpc("crm.lead", "write", [mine.id], {"stage_id": stages[0].id})
        self.rpc("crm.lead", "write", [mine.id], {"stage_id": stages[1].id})
        mine.invalidate_recordset()
        self.assertEqual(mine.last_progress_date, before)

    # ------------------------------------------------------------------
    # the scheduled actions and Odoo's own assignment
    # ------------------------------------------------------------------
    def test_give_back_counts_per_team_across_pools(self):
        """Vera (cap 3) holds 2 EU and 2 North America leads: a claim is refused
        (the cap counts per team), so the give-back must count the same way."""
        for i in range(2):
            self._lead(f"EU {i}", self.de, user=self.veteran)
            self._lead(f"NA {i}", self.us, user=self.veteran)
        with self.assertRaisesRegex(Exception, "private cap is 3"):
            self.waiting.with_user(self.veteran).action_claim()
        processed, _remaining = self.pool_eu._give_back_batch()
        self.assertEqual(processed, 1, "one lead back, over both pools of the team")
        self.assertEqual(self.m_vet.pool_held_count, 3)

    def test_native_assignment_leaves_pool_leads_alone(self):
        outside = self._lead("Tokyo shop", self.jp)  # no pool covers Japan
        # room for every lead Odoo's allocation brings to the team (demo data too)
        (self.m_vet | self.m_new_a | self.m_new_b).assignment_max = 3000
        (self.waiting | outside).write({"type": "lead"})
        self.team._action_assign_leads(force_quota=True, creation_delta_days=0)
        self.assertFalse(self.waiting.user_id, "pool leads are handed out by the pool only")
        self.assertTrue(outside.user_id, "Odoo still assigns the others")

    def test_release_removes_the_reminders_of_the_previous_owner(self):
        self.waiting.with_user(self.new_a).action_claim()
        self.waiting.activity_schedule(
            "crossborder_ops_crm.mail_activity_type_pool_warning", user_id=self.new_a.id
        )
        self.waiting.with_user(self.new_a)._release_to_pool("no_capacity")
        self.assertFalse(self.waiting.activity_ids, "the reminder's reason is gone")
        self.assertNotIn(self.new_a.partner_id, self.waiting.message_partner_ids)
        self.waiting.with_user(self.new_b).action_claim()
        self.assertFalse(self.waiting.activity_ids.filtered(lambda a: a.user_id == self.new_a))

    def test_reassignment_out_of_the_team_is_audited(self):
        """A manager gives a lead to someone outside the team: crm moves the lead
        to his team, out of the pool; the move is still audited and the
        previous owner's reminders go."""
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        mine.activity_schedule(
            "crossborder_ops_crm.mail_activity_type_revive", user_id=self.new_a.id
        )
        mine.with_user(self.manager).user_id = self.outsider
        self.env.cr.precommit.run()
        self.assertNotEqual(mine.pool_id, self.pool_eu, "the lead left with its new team")
        event = self._events(mine, "reassign")
        self.assertEqual((event.pool_id, event.to_user_id), (self.pool_eu, self.outsider))
        self.assertFalse(mine.activity_ids, "the revive reminder's reason is gone")

    def test_manager_reassignment_audited_with_a_reference(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        mine.with_user(self.manager).user_id = self.new_b
        self.env.cr.precommit.run()
        event = self._events(mine, "reassign")
        self.assertEqual((event.actor_id, event.to_user_id), (self.manager, self.new_b))
        self.assertNotIn(self.new_a.partner_id, mine.message_partner_ids)

    def test_day_fields_have_bounds(self):
        with self.assertRaisesRegex(Exception, "too long"):
            self.pool_eu.followup_days = 10**7
        with self.assertRaisesRegex(Exception, "up to 100,000 leads"):
            self.tier_new.private_cap = 10**9

    def test_one_bad_pool_does_not_stop_the_others(self):
        idle = self._lead("NA idle", self.us, user=self.veteran)
        idle.with_context(**{POOL_MOVE: True}).write(
            {"last_progress_date": fields.Datetime.now() - timedelta(days=40)}
        )
        # a pool left with an impossible period by an older version
        self.env.cr.execute(
            "UPDATE crossborder_lead_pool SET followup_days = 999999999 WHERE id = %s",
            [self.pool_eu.id],
        )
        self.pool_eu.invalidate_recordset()
        with self.assertLogs(
            "odoo.addons.crossborder_ops_crm.models.crossborder_lead_pool", "WARNING"
        ) as logs:
            (self.pool_eu | self.pool_na)._each_pool(lambda pool: pool._recycle_batch())
        self.assertIn("Pool EU skipped", logs.output[0])
        self.assertFalse(idle.user_id, "North America was recycled all the same")

    def test_rotation_fair_when_some_leads_have_a_single_taker(self):
        """Nadia gave five leads back a week ago (cool-down 30 days): only Noah
        may take them, and they come last. 8/7, not 10/5."""
        self.tier_new.claim_cap = 50
        self.tier_new.private_cap = 50
        cooling = self.env["crm.lead"].browse(
            [self._lead(f"given back {i}", self.de).id for i in range(5)]
        )
        cooling.with_user(self.new_a).action_claim()
        cooling.with_user(self.new_a)._release_to_pool("no_capacity")
        fresh = self.waiting | self.env["crm.lead"].browse(
            [self._lead(f"fresh {i}", self.de).id for i in range(9)]
        )
        self.env.flush_all()
        # the pool hands out its oldest leads first: the fresh ones, then the given-back
        for leads, days in ((fresh, 3), (cooling, 1)):
            self.env.cr.execute(
                "UPDATE crm_lead SET pool_entry_date = %s WHERE id = ANY(%s)",
                [fields.Datetime.now() - timedelta(days=days), leads.ids],
            )
        self.env.invalidate_all()
        run = self.pool_eu._rotate_batch()
        self.assertEqual(run.assigned_count, 15)
        self.assertEqual(run.spread, 1)
        self.assertEqual(cooling.user_id, self.new_b)

    def test_colleague_completing_an_activity_is_not_progress(self):
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        before = fields.Datetime.now() - timedelta(days=10)
        mine.with_context(**{POOL_MOVE: True}).write({"last_progress_date": before})
        call = mine.activity_schedule("mail.mail_activity_data_call", user_id=self.new_b.id)
        self.env.cr.execute(
            "UPDATE mail_activity SET create_date = %s WHERE id = %s", [before, call.id]
        )
        call.invalidate_recordset()
        call.with_user(self.manager).action_done()
        self.assertEqual(mine.last_progress_date, before)

    def _call_kept_elsewhere(self, login):
        """As ``login``: a call for Nadia on a contact of one's own, made a day ago
        (older than the pool's minimum activity age). Its id."""
        self.authenticate(login, login)
        scratch = self.rpc("res.partner", "create", {"name": f"Scratch of {login}"})
        activity = self.rpc(
            "mail.activity",
            "create",
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": scratch,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "user_id": self.new_a.id,
            },
        )
        self.env.cr.execute(
            "UPDATE mail_activity SET create_date = %s WHERE id = %s",
            [NOW - timedelta(days=1), activity],
        )
        self.env["mail.activity"].browse(activity).invalidate_recordset(["create_date"])
        return activity

    def test_an_activity_moved_onto_the_lead_counts_from_its_arrival(self):
        """A call a colleague made on a contact of hers (or one Nadia kept on
        another record), moved onto Nadia's idle lead and ticked at once,
        restarted its clock: its age was measured from its creation elsewhere,
        and only for calls she had made herself."""
        mine = self._lead("Nadia's", self.de, user=self.new_a)
        before = fields.Datetime.now() - timedelta(days=10)
        mine.with_context(**{POOL_MOVE: True}).write({"last_progress_date": before})
        onto_lead = {"res_model_id": self.env["ir.model"]._get_id("crm.lead"), "res_id": mine.id}
        for login in ("cbo_new_b", "cbo_new_a"):
            with self.subTest(made_by=login):
                call = self._call_kept_elsewhere(login)
                self.authenticate("cbo_new_a", "cbo_new_a")
                self.rpc("mail.activity", "write", [call], onto_lead)
                self.rpc("mail.activity", "action_done", [call])
                mine.invalidate_recordset()
                self.assertEqual(mine.last_progress_date, before, "moved and ticked at once")
        # on the lead for the pool's minimum age (30 minutes), it is follow-up;
        # the date of its arrival is the move's own
        call = self._call_kept_elsewhere("cbo_new_b")
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("mail.activity", "write", [call], onto_lead)
        self.rpc("mail.activity", "write", [call], {"pool_moved_date": "2026-01-01 00:00:00"})
        with freeze_time(NOW + timedelta(minutes=10)):
            self.rpc("mail.activity", "action_done", [call])
        mine.invalidate_recordset()
        self.assertEqual(mine.last_progress_date, before, "ten minutes on the lead")
        call = self._call_kept_elsewhere("cbo_new_b")
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("mail.activity", "write", [call], onto_lead)
        with freeze_time(NOW + timedelta(minutes=31)):
            self.rpc("mail.activity", "action_done", [call])
        mine.invalidate_recordset()
        self.assertEqual(mine.last_progress_date, NOW + timedelta(minutes=31))

    def _seller_of_another_company(self, name):
        """A salesperson of the group's other company only."""
        other = self.env["res.company"].create({"name": "T-Other company"})
        return self.env["res.users"].create(
            {
                "name": name,
                "login": name.lower().replace(" ", "_"),
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "group_ids": [(6, 0, self.env.ref("sales_team.group_sale_salesman").ids)],
            }
        )

    def _assert_tiers_refused(self, company):
        """The logged-in pool manager changes no tier: they set the caps of
        ``company``'s salespeople too."""
        self.assertRpcRefused(
            f"salespeople of {company} too",
            "crossborder.sales.tier",
            "write",
            [self.tier_veteran.id],
            {"private_cap": 999},
        )

    def test_tier_settings_stay_in_range(self):
        """A pool manager's tier with a cap that follows results up to a
        billion leads, a step as large or a reference conversion of 10^308 %:
        the caps of its salespeople could no longer be worked out (outside
        audit 66)."""
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        before = self.tier_new.read(["cap_max", "cap_step", "protected_quota"])
        for values, pattern in (
            ({"cap_follows_results": True, "cap_max": 10**9}, "go up to 100,000 leads"),
            ({"cap_step": 10**9}, "go up to 100,000 leads"),
            ({"protected_quota": -1}, "cannot be negative"),
            ({"cap_reference_conversion": 1e308}, "percentages between 0 and 100"),
            ({"cap_reference_hoarding": -5}, "percentages between 0 and 100"),
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    pattern, "crossborder.sales.tier", "write", [self.tier_new.id], values
                )
        self.tier_new.invalidate_recordset()
        self.assertEqual(self.tier_new.read(["cap_max", "cap_step", "protected_quota"]), before)
        self.rpc("crossborder.sales.tier", "write", [self.tier_new.id], {"protected_quota": 3})
        self.assertEqual(self.tier_new.protected_quota, 3)

    def test_a_pool_manager_sets_a_salespersons_tier(self):
        """Mia manages the pool, not the sales teams: the form showed her the
        tier she sets by hand, and saving it was refused (outside audit 66).
        She sets the pool's settings of a salesperson, not his team."""
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        veteran_tier = self.m_vet.tier_id
        self.rpc(
            "crm.team.member",
            "write",
            [self.m_new_a.id],
            {"tier_override_id": veteran_tier.id, "work_hour_to": 20.0},
        )
        self.m_new_a.invalidate_recordset()
        self.assertEqual(self.m_new_a.tier_id, veteran_tier)
        self.assertRpcRefused(
            "not allowed|You are not allowed",
            "crm.team.member",
            "write",
            [self.m_new_a.id],
            {"crm_team_id": self.other_team.id},
        )
        self.m_new_a.invalidate_recordset()
        self.assertEqual(self.m_new_a.crm_team_id, self.team)
        # not her own, nor another company's salespeople (outside audit 67)
        mine = self.env["crm.team.member"].create(
            {"crm_team_id": self.team.id, "user_id": self.manager.id}
        )
        self.assertRpcRefused(
            "Your own tier", "crm.team.member", "write", [mine.id], {"joined_date": "2000-01-01"}
        )
        other = self.env["res.company"].create({"name": "T-Other company"})
        foreign_team = self.env["crm.team"].create(
            {"name": "T-Abroad", "company_id": other.id, "member_ids": False}
        )
        seller = self.env["res.users"].create(
            {
                "name": "T-Abroad seller",
                "login": "t_abroad",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "group_ids": [(6, 0, self.env.ref("sales_team.group_sale_salesman").ids)],
            }
        )
        abroad = self.env["crm.team.member"].create(
            {"crm_team_id": foreign_team.id, "user_id": seller.id}
        )
        self.assertRpcRefused(
            "salespeople of her companies",
            "crm.team.member",
            "write",
            [abroad.id],
            {"tier_override_id": veteran_tier.id},
        )
        self.assertFalse(abroad.tier_override_id)
        # nor as a salesperson
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.assertRpcRefused(
            "not allowed",
            "crm.team.member",
            "write",
            [self.m_new_a.id],
            {"tier_override_id": False},
        )

    def test_a_pool_manager_changes_no_tier_of_her_own_or_of_another_company(self):
        """Mia, a salesperson of the pool too, raised her own tier's caps; and
        she changed the tiers of another company's salespeople (outside audit
        67)."""
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crossborder.sales.tier", "write", [self.tier_new.id], {"private_cap": 4})
        mine = self.env["crm.team.member"].create(
            {"crm_team_id": self.team.id, "user_id": self.manager.id}
        )
        own = "tiers that set your own caps"
        for method, args in (
            ("write", ([self.tier_veteran.id], {"private_cap": 999})),
            ("create", ({"name": "T-Mine", "private_cap": 999},)),
            ("unlink", ([self.tier_new.id],)),
        ):
            with self.subTest(method=method):
                self.assertRpcRefused(own, "crossborder.sales.tier", method, *args)
        mine.unlink()
        seller = self._seller_of_another_company("T-Abroad seller")
        other = seller.company_id
        abroad = self.env["crm.team"].create(
            {"name": "T-Abroad", "company_id": other.id, "member_ids": False}
        )
        self.env["crm.team.member"].create({"crm_team_id": abroad.id, "user_id": seller.id})
        self._assert_tiers_refused("T-Other company")
        self.tier_veteran.invalidate_recordset()
        self.assertNotEqual(self.tier_veteran.private_cap, 999)
        self.assertTrue(self.tier_new.exists())

    def test_a_pool_manager_picks_countries_and_creates_none(self):
        """Mia set the countries Nina covers, and through them renamed France,
        created a country and deleted it, written as root (outside audit 68)."""
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        france = self.env.ref("base.fr")
        for commands in (
            [(1, france.id, {"name": "PWNED France"})],
            [(0, 0, {"name": "Atlantis", "code": "QZ"})],
            [(2, self.env.ref("base.lu").id)],
            [(3, france.id), (1, france.id, {"name": "PWNED France"})],
        ):
            with self.subTest(commands=commands):
                self.assertRpcRefused(
                    "picks the countries and languages",
                    "crm.team.member",
                    "write",
                    [self.m_new_a.id],
                    {"region_country_ids": commands},
                )
        self.env.invalidate_all()
        self.assertEqual(france.name, "France")
        self.assertTrue(self.env.ref("base.lu").exists())
        self.assertFalse(self.env["res.country"].search([("code", "=", "QZ")]))
        self.rpc(
            "crm.team.member",
            "write",
            [self.m_new_a.id],
            {
                "region_country_ids": [(6, 0, france.ids)],
                "lang_ids": [(4, self.env.ref("base.lang_en").id)],
            },
        )
        self.assertEqual(self.m_new_a.region_country_ids, france)

    def test_a_pool_manager_sets_no_salesperson_of_another_company(self):
        """Zed sells for the other company only, in a team of no company: Mia,
        of this company, set his tier (outside audit 68)."""
        zed = self._seller_of_another_company("T-Zed")
        member = self.env["crm.team.member"].create(
            {"crm_team_id": self.other_team.id, "user_id": zed.id}
        )
        self.assertFalse(self.other_team.company_id)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        for companies in (zed.company_ids, zed.company_ids | self.env.company):
            # selling for this company too, he still sells for the other (audit 69)
            zed.company_ids = companies
            with self.subTest(companies=companies.mapped("name")):
                self.assertRpcRefused(
                    "T-Zed sells for T-Other company",
                    "crm.team.member",
                    "write",
                    [member.id],
                    {"tier_override_id": self.tier_veteran.id},
                )
                self._assert_tiers_refused("T-Other company")
        self.env.invalidate_all()
        self.assertFalse(member.tier_override_id)
        self.assertNotEqual(self.tier_veteran.private_cap, 999)

    def test_a_pool_manager_corrects_no_win_of_her_own(self):
        """Mia raised the revenue of her own first win and made herself the one
        who first won a colleague's lead (outside audit 68)."""
        mine = self._lead("Mia's deal", user=self.manager, expected_revenue=1000)
        theirs = self._lead("Nina's deal", user=self.new_a, expected_revenue=2000)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        for lead in mine | theirs:
            self.rpc("crm.lead", "action_set_won_rainbowman", [lead.id])
        self.assertEqual(mine.pool_first_won_user_id, self.manager)
        for lead, values, message in (
            (mine, {"pool_won_revenue": 10**7}, "Your own wins"),
            (mine, {"expected_revenue": 10**7}, "Your own wins"),
            (mine, {"date_closed": "2026-01-01 00:00:00"}, "Your own wins"),
            # not hers: said so (outside audit 71, L1)
            (theirs, {"pool_first_won_user_id": self.manager.id}, "first winner of a colleague"),
        ):
            with self.subTest(lead=lead.name, values=values):
                self.assertRpcRefused(message, "crm.lead", "write", [lead.id], values)
        self.env.invalidate_all()
        self.assertEqual((mine.pool_won_revenue, theirs.pool_first_won_user_id), (1000, self.new_a))
        # a colleague's win she corrects
        self.rpc("crm.lead", "write", [theirs.id], {"expected_revenue": 2500})
        self.assertEqual(theirs.pool_won_revenue, 2500)
        # merged with another lead of hers, crm writes her win's revenue back: it
        # corrects nothing (refused in those words: outside audit 73, M2)
        other = self._lead("Mia's call", user=self.manager)
        self.rpc("crm.lead", "merge_opportunity", [mine.id, other.id])
        self.env.invalidate_all()
        self.assertFalse(other.exists())
        self.assertEqual((mine.pool_won_revenue, mine.pool_first_won_user_id), (1000, self.manager))
        # her own first winner written again is no correction (outside audit 74, L2)
        self.rpc("crm.lead", "write", [mine.id], {"pool_first_won_user_id": self.manager.id})
        # merged with a colleague's won lead, crm deleted one of the two first wins,
        # whichever it kept (outside audit 74, M3)
        self.assertRpcRefused(
            "Merging deletes", "crm.lead", "merge_opportunity", [mine.id, theirs.id]
        )
        self.assertTrue((mine | theirs).exists() == mine | theirs)

    def test_a_pool_manager_makes_won_leads_of_her_own(self):
        """Mia copied a colleague's lead as a won lead of hers, or made one won:
        refused as a correction of her own wins, which crm's closing date of a
        lead made won is not (outside audit 70, L9). Her win's closing date moved
        is still one."""
        theirs = self._lead("Nina's deal", user=self.new_a, expected_revenue=2000)
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "action_set_won_rainbowman", [theirs.id])
        mine = {"user_id": self.manager.id, "stage_id": won.id}
        copy_id = self.rpc("crm.lead", "copy", [theirs.id], default=mine)[0]
        made_id, for_nina = self.rpc(
            "crm.lead",
            "create",
            [
                {**mine, "name": "Mia's deal", "team_id": self.team.id},
                {**mine, "name": "Nina's won", "team_id": self.team.id, "user_id": self.new_a.id},
            ],
        )
        self.env.invalidate_all()
        made = self.env["crm.lead"].browse([copy_id, made_id])
        self.assertEqual(made.mapped("won_status"), ["won", "won"])
        self.assertEqual(made.pool_first_won_user_id, self.manager)
        # made won for a colleague, the first win is his (it had no first winner)
        self.assertEqual(self.env["crm.lead"].browse(for_nina).pool_first_won_user_id, self.new_a)
        self.assertEqual(theirs.pool_first_won_user_id, self.new_a)
        # her win's closing date moved (the same date written again moves nothing)
        hour_before = fields.Datetime.to_string(made[1].date_closed - timedelta(hours=1))
        self.assertRpcRefused(
            "Your own wins", "crm.lead", "write", [made_id], {"date_closed": hour_before}
        )
        # made with first-win values, or backdated when hers (outside audit 71, H1, H2)
        past = "2020-01-01 00:00:00"
        for default, message in (
            ({**mine, "pool_won_revenue": 10**6}, "first win is recorded"),
            (
                {**mine, "user_id": self.new_a.id, "pool_first_won_user_id": self.manager.id},
                "first win is recorded",
            ),
            ({**mine, "date_closed": past}, "Your own wins"),
        ):
            with self.subTest(default=default):
                self.assertRpcRefused(message, "crm.lead", "copy", [theirs.id], default=default)
                self.assertRpcRefused(
                    message,
                    "crm.lead",
                    "create",
                    {**default, "name": "Made", "team_id": self.team.id},
                )
        # reopened and won again for more, her first win stays (outside audit 71, H3)
        first = self.env["crm.lead"].browse(made_id).pool_first_won
        lost = self.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        self.rpc("crm.lead", "write", [made_id], {"stage_id": lost.id})
        self.rpc("crm.lead", "write", [made_id], {"stage_id": won.id})
        self.rpc("crm.lead", "write", [for_nina], {"stage_id": lost.id})
        self.rpc("crm.lead", "write", [for_nina], {"stage_id": won.id, "expected_revenue": 10**6})
        self.env.invalidate_all()
        self.assertEqual(self.env["crm.lead"].browse(made_id).pool_first_won, first)
        self.assertEqual(self.env["crm.lead"].browse(for_nina).pool_won_revenue, 0)
        # a won lead marked won once more, or archived and restored: crm dates it
        # again, which corrected its first win (outside audit 72, H1)
        earlier = NOW - timedelta(days=10)
        won_leads = self.env["crm.lead"].browse([made_id, for_nina])
        won_leads.sudo().with_context(**{POOL_MOVE: True}).write(
            {"pool_first_won": earlier, "date_closed": earlier}
        )
        for values in ({"probability": 100}, {"active": False}, {"active": True}):
            self.rpc("crm.lead", "write", won_leads.ids, values)
        self.env.invalidate_all()
        self.assertEqual(won_leads.mapped("pool_first_won"), [earlier, earlier])

    def test_a_pool_manager_takes_no_colleagues_win(self):
        """Mia emptied Nina's first win and took her lead in the same write, or
        in the write that won it again: the win was stamped hers (outside audit
        69, H1)."""
        theirs = self._lead("Nina's deal", user=self.new_a, expected_revenue=2000)
        fresh = self._lead("Noah's deal", user=self.new_b, expected_revenue=500)
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "action_set_won_rainbowman", [theirs.id])
        emptied = {"pool_first_won": False, "pool_first_won_user_id": False}
        for values in ({**emptied, "user_id": self.manager.id, "probability": 100}, emptied):
            with self.subTest(values=values):
                self.assertRpcRefused("not emptied", "crm.lead", "write", [theirs.id], values)
        self.assertRpcRefused(
            "was not yours when it was won",
            "crm.lead",
            "write",
            [fresh.id],
            {"user_id": self.manager.id, "stage_id": won.id},
        )
        self.env.invalidate_all()
        self.assertEqual(
            (theirs.pool_first_won_user_id, fresh.pool_first_won_user_id, fresh.user_id),
            (self.new_a, self.env["res.users"], self.new_b),
        )
        # a win of before the stamp (outside audit 70): taken, then won again
        theirs.sudo().with_context(**{POOL_MOVE: True}).write(
            {"pool_first_won": False, "pool_first_won_user_id": False}
        )
        self.rpc("crm.lead", "write", [theirs.id], {"user_id": self.manager.id})
        self.rpc("crm.lead", "write", [theirs.id], {"stage_id": won.id})
        self.env.invalidate_all()
        self.assertEqual(theirs.pool_first_won_user_id, self.new_a)
