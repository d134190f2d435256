# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from datetime import date, datetime

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tests.common import HOST
from odoo.tools import config, file_open

from .common import MonitorCase, weekly_digest_of_own_tickets


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestScreens(MonitorCase):
    """What the screens show, where a test can see it."""

    def _arch(self, model, view_type, xmlid=None):
        view_id = self.env.ref(xmlid).id if xmlid else None
        views = self.env[model].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_agents_open_cs_tickets_by_cs_stage(self):
        action = self.env.ref("crossborder_ops_helpdesk.helpdesk_ticket_agent_action")
        context = ast.literal_eval(action.context)
        self.assertEqual(
            context,
            {
                "search_default_open": 1,
                "search_default_cs_tickets": 1,
                "search_default_group_cs_stage": 1,
            },
        )
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        # the agents' list: room for the buyer's question, no helpdesk bookkeeping
        listed = action.view_ids.filtered(lambda v: v.view_mode == "list").view_id
        self.assertEqual(
            listed, self.env.ref("crossborder_ops_helpdesk.helpdesk_ticket_view_list_agent")
        )
        arch = self._arch("helpdesk.ticket", "list", listed.get_external_id()[listed.id])
        shown = [f.get("name") for f in arch.xpath("//field[not(@optional='hide')]")]
        self.assertEqual(shown[:2], ["number", "name"])
        for name in ("channel_id", "cs_stage", "buyer_country_id", "sla_deadline"):
            self.assertIn(name, shown)
        for name in ("tag_ids", "create_date", "last_stage_update"):
            self.assertNotIn(name, shown)
        self.assertLessEqual(len(shown), 9)
        self.assertEqual(
            self.env.ref("crossborder_ops_helpdesk.helpdesk_ticket_menu").action, action
        )
        sample = self.env["helpdesk.ticket"].create({"name": "Sample", "description": "x"})
        ours = self._ticket(category_id=self.cat_pre.id)
        found = self.env["helpdesk.ticket"].search(
            [("closed", "=", False), ("cs_stage", "!=", False), ("id", "in", (sample | ours).ids)]
        )
        self.assertEqual(found, ours, "sample tickets have no CS stage")
        card = self._arch("helpdesk.ticket", "kanban")
        for name in ("channel_id", "buyer_country_id", "cs_stage", "sla_deadline"):
            self.assertTrue(card.xpath(f"//t[@t-name='card']//field[@name='{name}']"), name)

    def test_sla_short_in_lists_and_cards_whole_on_the_ticket(self):
        """SLA names are sentences: lists and cards show when the SLA is due, on one
        short line; the ticket shows the SLA tags whole instead of cut at 200 px."""
        card = self._arch("helpdesk.ticket", "kanban")
        [due] = card.xpath("//t[@t-name='card']//div[hasclass('o_crossborder_sla_due')]")
        self.assertIn("d-flex", due.get("class"), "label and time on one line")
        self.assertEqual(due.xpath("./span/text()"), ["SLA due"])
        self.assertEqual(due.xpath("./field/@name"), ["sla_deadline"])
        rows = self._arch("helpdesk.ticket", "list")
        [column] = rows.xpath("//field[@name='sla_deadline']")
        self.assertEqual(
            (column.get("string"), column.get("widget")), ("SLA due", "remaining_days")
        )
        self.assertFalse(rows.xpath("//field[@name='ticket_sla_ids']"), "no SLA names")
        form = self._arch("helpdesk.ticket", "form")
        [tags] = form.xpath("//field[@name='ticket_sla_ids']")
        self.assertIn("o_crossborder_sla_tags", tags.get("class"))
        self.assertIn("flex-wrap", tags.getparent().get("class"))
        scss = "crossborder_ops_helpdesk/static/src/scss/helpdesk_ticket.scss"
        bundle = self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})
        self.assertIn(f"/{scss}", [asset[0] for asset in bundle])
        with file_open(scss) as stylesheet:
            self.assertIn("--Tag-max-width: 100%", stylesheet.read())

    def test_pre_sales_ticket_shows_no_empty_cause_nor_zero_response(self):
        form = self._arch("helpdesk.ticket", "form")
        self.assertEqual(
            form.xpath("//group[@name='root_cause']/@invisible"),
            ["not root_cause_id and not root_cause_required"],
        )
        self.assertEqual(
            form.xpath("//field[@name='first_response_hours']/@invisible"),
            ["not first_response_date"],
        )
        question = self._ticket(category_id=self.cat_pre.id)
        self.assertFalse(question.root_cause_required or question.first_response_date)

    def test_size_converter_letter_of_the_cn_chart(self):
        ticket = self._ticket(category_id=self.cat_after.id)
        wizard = self.env["crossborder.size.converter"].create(
            {"ticket_id": ticket.id, "category": "men_tops", "system": "cn", "value": "M"}
        )
        self.assertTrue(wizard.found)
        self.assertEqual(wizard.result, "CN M (170/88A) = US M, UK 38, EU 48, JP L")
        wizard.value = "175/92A"
        self.assertEqual(wizard.result, "CN 175/92A (L) = US L, UK 40, EU 50, JP LL")
        wizard.value = "XXXXL"
        self.assertFalse(wizard.found)
        with self.assertRaisesRegex(UserError, "No size XXXXL"):
            wizard.action_insert_size()
        arch = self._arch("crossborder.size.converter", "form")
        self.assertEqual(
            arch.xpath("//button[@name='action_insert_size']/@invisible"),
            ["not ticket_id or not found"],
        )

    def test_reply_composer_is_titled_and_addressed(self):
        buyer = self.env["res.partner"].create({"name": "Bea Buyer", "email": "bea@example.com"})
        ticket = self._ticket(category_id=self.cat_after.id, partner_id=buyer.id)
        action = ticket._insert_into_reply("US M")
        self.assertEqual(action["name"], "Reply to Bea Buyer")
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"])).save()
        self.assertEqual(composer.partner_ids, buyer)

    def test_answer_with_template_only_when_the_cause_has_one(self):
        with_template = self.env.ref("crossborder_ops_helpdesk.root_cause_logistics_late")
        self.assertTrue(with_template.template_ids)
        ticket = self._ticket(category_id=self.cat_after.id, root_cause_id=self.c_wrong_item.id)
        self.assertFalse(ticket.has_answer_template)
        ticket.root_cause_id = with_template
        self.assertTrue(ticket.has_answer_template)
        form = self._arch("helpdesk.ticket", "form")
        self.assertEqual(
            form.xpath("//button[@name='action_reply_with_template']/@invisible"),
            ["not has_answer_template"],
        )

    def test_template_greets_a_buyer_without_name(self):
        template = self.env.ref("crossborder_ops_helpdesk.mail_template_answer_late")
        ticket = self._ticket(category_id=self.cat_after.id, partner_name=False)
        body = template._render_field("body_html", ticket.ids)[ticket.id]
        self.assertIn("Hello,", str(body))
        self.assertNotIn("Hello ,", str(body))

    def test_department_manager_list_and_window(self):
        action = self.env.ref("crossborder_ops_helpdesk.helpdesk_ticket_department_action")
        view = action.view_ids.view_id
        self.assertEqual(
            view, self.env.ref("crossborder_ops_helpdesk.helpdesk_ticket_view_list_department")
        )
        arch = etree.fromstring(view.arch)
        self.assertTrue(arch.xpath("//field[@name='root_cause_id']"))
        self.assertTrue(arch.xpath("//field[@name='attribution_state']"))
        self.assertFalse(arch.xpath("//field[@widget='handle' or @widget='priority']"))
        ticket = self._ticket(
            category_id=self.cat_after.id,
            root_cause_id=self.c_wrong_item.id,
            description="<p>I ordered red, got blue.</p>",
        )
        wizard = (
            self.env["crossborder.attribution.wizard"]
            .with_user(self.wh_manager_user)
            .create({"ticket_ids": [(6, 0, ticket.ids)], "answer": "dispute", "note": "  "})
        )
        self.assertIn("Wrong item picked", wizard.summary)
        self.assertIn("I ordered red, got blue.", wizard.summary)
        with self.assertRaisesRegex(UserError, "Say why"):
            wizard.action_apply()
        self.assertEqual(ticket.attribution_state, "pending")

    def test_acknowledging_closes_the_activity(self):
        self._ticket(root_cause_id=self.c_wrong_item.id, created=datetime(2026, 11, 3, 12))
        self.env["crossborder.feedback"]._generate_batch(today=date(2026, 11, 9))
        feedback = self.env["crossborder.feedback"].search(
            [("department_id", "=", self.warehouse.id), ("date_to", "=", date(2026, 11, 8))]
        )
        self.assertEqual(feedback.activity_ids.user_id, self.wh_manager_user)
        self.assertIn("1 customer problem traced to you was classified", str(feedback.body_html))
        feedback.with_user(self.wh_manager_user).action_acknowledge()
        self.assertFalse(feedback.activity_ids)

    def test_new_corrective_action_from_the_feedback(self):
        for _i in range(2):
            self._ticket(
                root_cause_id=self.c_wrong_item.id,
                product_id=self.product.id,
                buyer_country_id=self.de.id,
                created=datetime(2026, 11, 3, 12),
            )
        self._ticket(root_cause_id=self.c_missing.id, created=datetime(2026, 11, 3, 12))
        self.env["crossborder.feedback"]._generate_batch(today=date(2026, 11, 9))
        feedback = self.env["crossborder.feedback"].search(
            [("department_id", "=", self.warehouse.id), ("date_to", "=", date(2026, 11, 8))]
        )
        action = feedback.with_user(self.wh_manager_user).action_new_corrective_action()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.wh_manager_user)
            .with_context(**action["context"])
        )
        self.assertEqual(
            (form.root_cause_id, form.product_id, form.country_id, form.department_id),
            (self.c_wrong_item, self.product, self.de, self.warehouse),
        )
        arch = self._arch("crossborder.corrective.action", "form")
        self.assertEqual(
            arch.xpath("//button[@name='action_done']/@invisible"), ["state != 'open' or not id"]
        )
        self.assertEqual(
            arch.xpath("//field[@name='rate_after']/@invisible"),
            ["not rate_unit or effectiveness == 'not_enough_data'"],
        )

    def test_corrective_action_columns_in_life_cycle_order(self):
        self.env["crossborder.corrective.action"].create(
            {"name": "Check picking", "department_id": self.warehouse.id}
        )
        Action = self.env["crossborder.corrective.action"].with_context(read_group_expand=True)
        groups = Action.formatted_read_group(
            [("department_id", "=", self.warehouse.id)], ["state"], ["__count"]
        )
        self.assertEqual([g["state"] for g in groups], ["open", "done", "verified"])

    def test_cs_stage_columns_in_the_order_of_a_sale(self):
        self._ticket(category_id=self.cat_pre.id)
        Ticket = self.env["helpdesk.ticket"].with_context(read_group_expand=True)
        groups = Ticket.formatted_read_group([("cs_stage", "!=", False)], ["cs_stage"], ["__count"])
        self.assertEqual(
            [g["cs_stage"] for g in groups][:3], ["pre_sales", "in_sales", "after_sales"]
        )

    def test_department_without_problems_gets_no_feedback(self):
        self._ticket(root_cause_id=self.c_wrong_item.id, created=datetime(2026, 11, 3, 12))
        self.env["crossborder.feedback"]._generate_batch(today=date(2026, 11, 9))
        written = self.env["crossborder.feedback"].search([("date_to", "=", date(2026, 11, 8))])
        self.assertIn(self.warehouse, written.department_id)
        self.assertNotIn(self.logistics, written.department_id)

    def test_problems_by_link_and_department_on_two_axes(self):
        pivot = self._arch(
            "crossborder.ticket.report",
            "pivot",
            "crossborder_ops_helpdesk.crossborder_ticket_report_view_pivot",
        )
        self.assertEqual(pivot.xpath("//field[@type='row']/@name"), ["link"])
        self.assertEqual(pivot.xpath("//field[@type='col']/@name"), ["department_id"])
        trend = self.env.ref("crossborder_ops_helpdesk.crossborder_ticket_report_trend_action")
        graph = etree.fromstring(trend.view_ids.view_id.arch)
        self.assertEqual(graph.get("type"), "line")
        self.assertEqual(
            [(f.get("name"), f.get("interval")) for f in graph.xpath("//field[not(@type)]")],
            [("create_date", "week"), ("department_id", None)],
        )


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestFeedbackSchedule(MonitorCase):
    """The feedback period is the one source of the digest's schedule."""

    def setUp(self):
        super().setUp()
        weekly_digest_of_own_tickets(self.env)
        self.env["crossborder.feedback"].search([]).unlink()

    def test_period_of_14_days_runs_every_14_days(self):
        cron = self.env.ref("crossborder_ops_helpdesk.ir_cron_feedback")
        self.assertEqual((cron.interval_number, cron.interval_type), (7, "days"))
        settings = self.env["res.config.settings"].create({"cbo_feedback_period_days": 14})
        settings.execute()
        self.assertEqual((cron.interval_number, cron.interval_type), (14, "days"))

    def test_no_overlapping_digests(self):
        Feedback = self.env["crossborder.feedback"]
        self._ticket(root_cause_id=self.c_wrong_item.id, created=datetime(2026, 11, 3, 12))
        self._ticket(root_cause_id=self.c_wrong_item.id, created=datetime(2026, 11, 10, 12))
        Feedback._generate_batch(today=date(2026, 11, 9))  # 2 - 8 November
        self.env["ir.config_parameter"].set_param(
            "crossborder_ops_helpdesk.feedback_period_days", 14
        )
        # a week later, 14 days back would count 2 - 8 November again: nothing written
        self.assertEqual(Feedback._generate_batch(today=date(2026, 11, 16)), (0, 0))
        # two weeks after the last one: 9 - 22 November
        Feedback._generate_batch(today=date(2026, 11, 23))
        warehouse = Feedback.search([("department_id", "=", self.warehouse.id)], order="date_from")
        self.assertEqual(
            [(f.date_from, f.date_to, f.ticket_count) for f in warehouse],
            [
                (date(2026, 11, 2), date(2026, 11, 8), 1),
                (date(2026, 11, 9), date(2026, 11, 22), 1),
            ],
        )

    def test_feedback_as_pdf(self):
        self._ticket(root_cause_id=self.c_wrong_item.id, created=datetime(2026, 11, 3, 12))
        self.env["crossborder.feedback"]._generate_batch(today=date(2026, 11, 9))
        feedback = self.env["crossborder.feedback"].search(
            [("department_id", "=", self.warehouse.id)]
        )
        # wkhtmltopdf fetches the styles from this test server
        self.env["ir.config_parameter"].set_param(
            "report.url", f"http://{HOST}:{config['http_port']}"
        )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        with self.allow_pdf_render():
            pdf, kind = Report._render_qweb_pdf(
                "crossborder_ops_helpdesk.crossborder_feedback_report", feedback.ids
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
