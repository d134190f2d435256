# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged
from odoo.tests.common import BaseCase, TransactionCase

from ..chain.fit import plugs, problems, voltages
from .common import OrderData


@tagged("post_install", "-at_install")
class TestFitFunctions(BaseCase):
    def test_reading_country_specs(self):
        self.assertEqual(plugs("C, F"), {"C", "F"})
        self.assertEqual(plugs("Type G"), {"G"})
        self.assertEqual(voltages("127 V / 220 V"), [127.0, 220.0])

    def test_what_does_not_fit(self):
        lamp = {"plug_type": "C", "voltage_min": 220, "voltage_max": 240}
        uk = {"plug_types": "G", "voltage": "230 V", "size_system": "uk"}
        us = {"plug_types": "A, B", "voltage": "120 V", "size_system": "us"}
        de = {"plug_types": "C, F", "voltage": "230 V", "size_system": "eu"}
        fr = {"plug_types": "E", "voltage": "230 V"}
        self.assertEqual(problems(lamp, uk), ["plug"])
        self.assertEqual(problems(lamp, us), ["plug", "voltage"])
        self.assertEqual(problems(lamp, de), [])
        self.assertEqual(problems(lamp, fr), [], "a Europlug fits type E sockets")
        charger = {"plug_type": "A", "voltage_min": 100, "voltage_max": 240}
        self.assertEqual(problems(charger, {"plug_types": "A, B", "voltage": "100 V"}), [])
        self.assertEqual(problems({"size_system": "cn"}, us), ["size"])
        self.assertEqual(problems({}, uk), [], "nothing known, nothing to say")
        self.assertEqual(problems(lamp, {}), [])


@tagged("post_install", "-at_install")
class TestPrevention(OrderData, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Spec = env["crossborder.country.spec"]
        cls.uk = env.ref("base.uk")
        cls.us = env.ref("base.us")
        for country, plug_types, voltage, system in (
            (cls.uk, "G", "230 V", "uk"),
            (cls.us, "A, B", "120 V", "us"),
        ):
            spec = Spec.search([("country_id", "=", country.id)])
            values = {"plug_types": plug_types, "voltage": voltage, "size_system": system}
            if spec:
                spec.write(values)
            else:
                Spec.create(dict(values, country_id=country.id))
        cls.product.write({"plug_type": "C", "voltage_min": 220, "voltage_max": 240})
        cls.kettle = env["product.product"].create(
            {"name": "T-UK kettle", "plug_type": "G", "voltage_min": 230}
        )
        cls.dress = env["product.product"].create({"name": "T-Dress", "size_system": "cn"})
        cls.us_buyer = env["res.partner"].create({"name": "T-Joe", "country_id": cls.us.id})
        cls.salesman = env["res.users"].create(
            {
                "name": "Sal Sales",
                "login": "cbo_salesman",
                "group_ids": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])],
            }
        )

    def test_uk_order_of_a_type_c_lamp_warns_a_type_g_product_does_not(self):
        # self.order: two type C lamps to the United Kingdom
        self.assertEqual(
            self.order.destination_warning,
            "T-Desk lamp has a type C plug; United Kingdom uses type G: add an adapter.",
        )
        kettle_order = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [(0, 0, {"product_id": self.kettle.id, "product_uom_qty": 1})],
            }
        )
        self.assertFalse(kettle_order.destination_warning)

    def test_voltage_and_sizes_to_the_united_states(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.us_buyer.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 1}),
                    (0, 0, {"product_id": self.dress.id, "product_uom_qty": 1}),
                ],
            }
        )
        warning = order.destination_warning
        self.assertIn("T-Desk lamp has a type C plug; United States uses type A, B", warning)
        self.assertIn(
            "T-Desk lamp runs on 220-240 V; United States has 120 V: it needs a voltage converter.",
            warning,
        )
        self.assertIn("T-Dress is sized in CN sizes; United States uses US sizes", warning)

    def test_the_salesperson_is_warned_when_adding_the_product(self):
        with self.assertLogs("odoo.tests.form.onchange", level="WARNING") as logs:
            with Form(self.env["sale.order"].with_user(self.salesman)) as form:
                form.partner_id = self.buyer
                with form.order_line.new() as line:
                    line.product_id = self.product
        self.assertIn("Check the destination", logs.output[0])
        self.assertIn("type C plug; United Kingdom uses type G", logs.output[0])
        with self.assertNoLogs("odoo.tests.form.onchange", level="WARNING"):
            with Form(self.env["sale.order"].with_user(self.salesman)) as form:
                form.partner_id = self.buyer
                with form.order_line.new() as line:
                    line.product_id = self.kettle

    def test_pre_sales_question_warns_and_answers_with_the_template(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Does this lamp work in the UK?",
                "description": "?",
                "team_id": self.team.id,
                "cs_stage": "pre_sales",
                "product_id": self.product.id,
                "buyer_country_id": self.uk.id,
                "partner_id": self.buyer.id,
            }
        )
        self.assertEqual(
            ticket.destination_warning,
            "T-Desk lamp has a type C plug; United Kingdom uses type G: add an adapter.",
        )
        action = ticket.with_user(self.agent).action_reply_with_destination_template()
        template = self.env.ref("crossborder_ops_helpdesk_sale.mail_template_answer_destination")
        self.assertEqual(action["context"]["default_template_id"], template.id)
        body = template._render_field("body_html", ticket.ids)[ticket.id]
        self.assertIn("T-Desk lamp has a type C plug; United Kingdom uses type G", body)
        ticket.product_id = self.kettle
        self.assertFalse(ticket.destination_warning)
