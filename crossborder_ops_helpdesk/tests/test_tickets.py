# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import MonitorCase, causes_of


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestTickets(MonitorCase):
    def test_cs_defaults_from_category_then_channel(self):
        ticket = self._ticket(category_id=self.cat_after.id)
        self.assertEqual((ticket.cs_stage, ticket.inquiry_type), ("after_sales", "product"))
        amazon = self.env.ref("crossborder_ops_helpdesk.channel_amazon")
        ticket = self._ticket(channel_id=amazon.id)
        self.assertEqual((ticket.cs_stage, ticket.inquiry_type), ("in_sales", False))
        with Form(ticket) as form:
            form.cs_stage = "pre_sales"
            form.inquiry_type = "service"
        self.assertEqual(
            (ticket.cs_stage, ticket.inquiry_type), ("pre_sales", "service"), "editable"
        )
        partner = self.env["res.partner"].create(
            {"name": "Anna", "country_id": self.de.id, "lang": "en_US"}
        )
        ticket = self._ticket(partner_id=partner.id)
        self.assertEqual(ticket.buyer_country_id, self.de)

    def test_after_sales_routed_to_after_sales_agent(self):
        ticket = self._ticket(category_id=self.cat_after.id)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertFalse(
            self._ticket(category_id=self.cat_pre.id).user_id, "no pre-sales agent set"
        )

    def test_close_requires_root_cause_only_where_configured(self):
        after = self._ticket(category_id=self.cat_after.id)
        with self.assertFails(UserError, "cannot be moved to Done without a root cause"):
            after.stage_id = self.stage_done
        self.assertEqual(after.stage_id, self.stage_new, "nothing changed")
        after.write({"stage_id": self.stage_done.id, "root_cause_id": self.c_wrong_item.id})
        self.assertTrue(after.closed)
        pre = self._ticket(category_id=self.cat_pre.id)
        pre.stage_id = self.stage_done
        self.assertTrue(pre.closed, "pre-sales questions close without a cause")
        self.team.require_root_cause = False
        relaxed = self._ticket(category_id=self.cat_after.id)
        relaxed.stage_id = self.stage_done
        self.assertTrue(relaxed.closed, "the team does not require causes")

    def test_cause_sets_link_department_and_pending_attribution(self):
        ticket = self._ticket(category_id=self.cat_after.id, root_cause_id=self.c_wrong_item.id)
        self.assertEqual(ticket.root_cause_link, "warehousing", "inherited from the parent cause")
        self.assertEqual(ticket.responsible_department_id, self.warehouse)
        self.assertEqual(ticket.attribution_state, "pending")

    def test_confirm_and_dispute_flow(self):
        first = self._ticket(root_cause_id=self.c_wrong_item.id, user_id=self.agent.id)
        second = self._ticket(root_cause_id=self.c_missing.id, user_id=self.agent.id)
        with self.assertFails(UserError, "Only the manager of T-Warehouse"):
            first.with_user(self.log_manager_user).action_confirm_attribution(
                causes=causes_of(first)
            )
        first.with_user(self.wh_manager_user).action_confirm_attribution(
            "Picker trained", causes=causes_of(first)
        )
        self.assertEqual(
            (first.attribution_state, first.attribution_user_id),
            ("confirmed", self.wh_manager_user),
        )
        self.assertIn("T-Warehouse confirmed the cause", first.message_ids[0].body)
        with self.assertFails(UserError, "Say why"):
            second.with_user(self.wh_manager_user).action_dispute_attribution(
                False, causes=causes_of(second)
            )
        wizard = (
            self.env["crossborder.attribution.wizard"]
            .with_user(self.wh_manager_user)
            .create(
                {
                    "ticket_ids": [(6, 0, second.ids)],
                    "answer": "dispute",
                    "note": "The supplier sealed the box",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(second.attribution_state, "disputed")
        self.assertEqual(second.attribution_note, "The supplier sealed the box")
        self.assertEqual(
            second.activity_ids.user_id, self.agent, "the agent reviews the classification"
        )
        second.root_cause_id = self.c_late
        self.assertEqual(second.attribution_state, "pending", "a new cause asks the new department")

    def test_answer_for_a_cause_the_agent_changed_meanwhile_is_refused(self):
        ticket = self._ticket(root_cause_id=self.c_wrong_item.id, user_id=self.agent.id)
        action = ticket.with_user(self.wh_manager_user).action_open_attribution_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.wh_manager_user)
        form = Form(Wizard.with_context(**action["context"]))
        self.assertIn("Wrong item picked", form.summary)
        form.answer = "dispute"
        form.note = "We never stock that colour"
        # the agent reclassifies while the department manager writes his answer
        ticket.with_user(self.agent).root_cause_id = self.c_missing
        wizard = form.save()
        with self.assertFails(UserError, "changed since you opened it"):
            wizard.action_apply()
        self.assertEqual(ticket.attribution_state, "pending")
        self.assertFalse(ticket.attribution_disputed)
        # opened again, it answers for the cause the ticket has now
        form = Form(Wizard.with_context(**action["context"]))
        self.assertIn("Item missing", form.summary)
        form.answer = "confirm"
        form.save().action_apply()
        self.assertEqual(ticket.attribution_state, "confirmed")

    def test_first_response_ignores_auto_replies(self):
        buyer = self.env["res.partner"].create({"name": "Bea Buyer", "email": "bea@example.com"})
        with freeze_time("2026-11-02 08:00:00"):
            ticket = self._ticket(partner_id=buyer.id)
        with freeze_time("2026-11-02 09:00:00"):
            ticket.message_post(
                body="We received your message",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.env.ref("base.partner_root").id,
                partner_ids=buyer.ids,
            )
            ticket.with_user(self.agent).message_post(
                body="internal",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=buyer.ids,
            )
            self.assertFalse(ticket.first_response_date)
        with freeze_time("2026-11-02 11:30:00"):
            ticket.with_user(self.agent).message_post(
                body="Here is your tracking",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=buyer.ids,
            )
        self.assertEqual(ticket.first_response_date, datetime(2026, 11, 2, 11, 30))

    def test_reopen_counted(self):
        ticket = self._ticket(category_id=self.cat_pre.id)
        ticket.stage_id = self.stage_done
        ticket.stage_id = self.stage_new
        ticket.stage_id = self.stage_done
        ticket.stage_id = self.stage_new
        self.assertEqual(ticket.reopen_count, 2)

    def test_amazon_sla_runs_round_the_clock(self):
        amazon = self.env.ref("crossborder_ops_helpdesk.channel_amazon")
        self.team.use_sla = True
        saturday = datetime(2026, 11, 7, 10, 0)
        with freeze_time(saturday):
            ticket = self._ticket(channel_id=amazon.id, created=saturday)
            ticket.refresh_sla()
        amazon_sla = ticket.ticket_sla_ids.filtered(
            lambda s: s.sla_id == self.env.ref("crossborder_ops_helpdesk.sla_amazon_24h")
        )
        self.assertAlmostEqual(
            amazon_sla.deadline,
            saturday + timedelta(hours=24),
            delta=timedelta(seconds=1),
            msg="weekend hours count",
        )
        other = self._ticket()
        other.refresh_sla()
        self.assertNotIn(
            self.env.ref("crossborder_ops_helpdesk.sla_amazon_24h"),
            other.ticket_sla_ids.sla_id,
            "only Amazon tickets",
        )

    def test_answer_template_of_the_cause(self):
        template = self.env.ref("crossborder_ops_helpdesk.mail_template_answer_customs")
        self.c_late.template_ids = template
        ticket = self._ticket(root_cause_id=self.c_late.id, marketplace_order_ref="114-555")
        action = ticket.action_reply_with_template()
        self.assertEqual(action["context"]["default_template_id"], template.id)
        composer = self.env["mail.compose.message"].with_context(**action["context"]).create({})
        self.assertIn("114-555", composer.subject)
        with self.assertFails(UserError, "no answer template"):
            self._ticket(root_cause_id=self.c_missing.id).action_reply_with_template()
