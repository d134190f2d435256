# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MonitorHttpCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestDailyFlowTours(MonitorHttpCase):
    """The daily flows in a real browser, as the roles do them."""

    browser_size = "1920x1080"  # the ticket's statusbar shows Done as a button

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for user in (cls.agent, cls.wh_manager_user):
            user.password = user.login
        cls.stage_done.fold = False  # the statusbar shows it as a button
        cls.product_dept = env["hr.department"].create({"name": "T-Product"})
        cls.c_size = env["crossborder.root.cause"].create(
            {
                "name": "Tour size chart",
                "link": "product_development",
                "department_id": cls.product_dept.id,
                "template_ids": [
                    (6, 0, env.ref("crossborder_ops_helpdesk.mail_template_answer_size").ids)
                ],
            }
        )
        cls.buyer = env["res.partner"].create(
            {"name": "Bea Buyer", "email": "bea@example.com", "lang": "en_US"}
        )

    def test_cs_agent_marketplace_after_sales(self):
        turkish = self.env["res.lang"]._activate_lang("tr_TR")
        ticket = self._ticket(
            name="Tour: dress far too small",
            description="<p>I ordered M and it is far too small.</p>",
            category_id=self.cat_after.id,
            channel_id=self.env.ref("crossborder_ops_helpdesk.channel_amazon").id,
            buyer_country_id=self.env.ref("base.us").id,
            buyer_lang_id=turkish.id,
            partner_id=self.buyer.id,
            user_id=self.agent.id,
            product_id=self.product.id,
        )
        # closing without a cause is refused on purpose: the server logs the refusal
        with mute_logger("odoo.http"):
            self.start_tour(
                "/odoo/action-crossborder_ops_helpdesk.helpdesk_ticket_agent_action",
                "crossborder_cs_agent",
                login=self.agent.login,
                timeout=240,  # a shared machine is slow
            )
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertEqual(ticket.root_cause_id, self.c_size)
        replies = ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.author_id == self.agent.partner_id
        )
        self.assertEqual(len(replies), 2, "the size, then the template")
        self.assertIn(self.buyer, replies.partner_ids, "addressed to the buyer")
        self.assertTrue(ticket.first_response_date)

    def test_department_manager_answers_and_acts(self):
        blue = self._ticket(
            name="Tour: blue instead of red",
            description="<p>I ordered red and got a blue one.</p>",
            category_id=self.cat_after.id,
            root_cause_id=self.c_wrong_item.id,
            product_id=self.product.id,
            buyer_country_id=self.de.id,
        )
        lost = self._ticket(
            name="Tour: parcel never came",
            description="<p>Nothing arrived.</p>",
            category_id=self.cat_after.id,
            root_cause_id=self.c_missing.id,
        )
        self.start_tour(
            "/odoo/action-crossborder_ops_helpdesk.helpdesk_ticket_department_action",
            "crossborder_department_tickets",
            login=self.wh_manager_user.login,
            timeout=240,
        )
        self.assertEqual(blue.attribution_state, "confirmed")
        self.assertEqual(lost.attribution_state, "disputed")
        self.assertIn("carrier lost it", lost.attribution_note)

        # the feedback of the period with one of them (the other moved out of it)
        today = fields.Date.context_today(self.env["crossborder.feedback"])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET classified_date = %s WHERE id = %s",
            (datetime.combine(today - timedelta(days=3), datetime.min.time()), blue.id),
        )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET classified_date = '2000-01-01' WHERE id != %s",
            (blue.id,),
        )
        self.env["helpdesk.ticket"].invalidate_model(["classified_date"])
        self.env["ir.config_parameter"].set_param(
            "crossborder_ops_helpdesk.feedback_period_days", 7
        )
        Feedback = self.env["crossborder.feedback"]
        Feedback.search([("date_to", ">=", today - timedelta(days=7))]).unlink()
        Feedback._generate_batch(today=today)
        feedback = Feedback.search([("department_id", "=", self.warehouse.id)])
        self.assertEqual(feedback.ticket_count, 1)
        self.assertTrue(feedback.activity_ids)
        self.start_tour(
            "/odoo/action-crossborder_ops_helpdesk.crossborder_feedback_action",
            "crossborder_department_feedback",
            login=self.wh_manager_user.login,
            timeout=240,
        )
        self.assertEqual(feedback.state, "acknowledged")
        self.assertFalse(feedback.activity_ids, "the acknowledge to-do is done")
        action = feedback.corrective_action_ids
        self.assertEqual(
            (action.root_cause_id, action.product_id, action.country_id, action.state),
            (self.c_wrong_item, self.product, self.de, "open"),
        )
