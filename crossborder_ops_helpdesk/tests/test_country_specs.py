# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import MonitorCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestCountrySpecs(MonitorCase):
    def test_shipped_specs_cover_main_destinations(self):
        specs = self.env["crossborder.country.spec"].search([])
        self.assertGreaterEqual(len(specs), 40)
        self.assertTrue(all(specs.mapped("source")), "every value has its source")
        uk = specs.filtered(lambda s: s.country_id.code == "GB")
        self.assertEqual((uk.plug_types, uk.voltage, uk.frequency), ("G", "230 V", "50 Hz"))
        au = specs.filtered(lambda s: s.country_id.code == "AU")
        self.assertEqual(
            (au.plug_types, au.de_minimis_amount, au.de_minimis_currency_id.name),
            ("I", 1000, "AUD"),
        )
        us = specs.filtered(lambda s: s.country_id.code == "US")
        self.assertEqual((us.voltage, us.frequency), ("120 V", "60 Hz"))
        jp = specs.filtered(lambda s: s.country_id.code == "JP")
        self.assertEqual(jp.voltage, "100 V")

    def test_size_lookups(self):
        Chart = self.env["crossborder.size.chart"]
        self.assertEqual(
            Chart._convert("men_tops", "cn", "170/88A"), "CN 170/88A (M) = US M, UK 38, EU 48, JP L"
        )
        self.assertEqual(
            Chart._convert("women_shoes", "eu", "38"), "EU 38 = US 7, UK 5, CN 240, JP 24"
        )
        self.assertFalse(Chart._convert("men_shoes", "us", "25"))

    def test_converter_on_ticket_inserts_into_reply(self):
        uk = self.env.ref("base.uk")
        ticket = self._ticket(buyer_country_id=uk.id)
        self.assertEqual(ticket.country_spec_id.country_id, uk)
        action = ticket.action_open_country_specs()
        wizard = (
            self.env["crossborder.size.converter"]
            .with_context(**action["context"])
            .create({"category": "men_tops", "system": "cn", "value": "170/88A"})
        )
        self.assertIn("Plug type G, 230 V, 50 Hz.", wizard.spec_summary)
        self.assertEqual(wizard.result, "CN 170/88A (M) = US M, UK 38, EU 48, JP L")
        reply = wizard.action_insert_size()
        self.assertEqual(reply["res_model"], "mail.compose.message")
        self.assertIn("US M", str(reply["context"]["default_body"]))
