# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A channel's intake settings, written from outside by the help desk's
manager: a pattern that matches every customer's address or message took every
e-mail for the marketplace's (outside audit 66)."""

from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import JsonRpc


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk_sale")
class TestChannelSettings(JsonRpc, HttpCase):
    def test_a_pattern_matching_anyone_is_refused(self):
        amazon = self.env.ref("crossborder_ops_helpdesk.channel_amazon")
        fields_ = [
            "intake_sender_pattern",
            "intake_notification_pattern",
            "intake_no_response_pattern",
            "intake_optout_pattern",
        ]
        before = amazon.read(fields_)
        self.authenticate("admin", "admin")
        for field, pattern in (
            ("intake_sender_pattern", ".*"),
            ("intake_sender_pattern", "@marketplace\\.amazon\\.com$|"),
            ("intake_notification_pattern", "@"),
            ("intake_no_response_pattern", "."),
            ("intake_optout_pattern", "(?i)where"),
            # nor nearly anyone: everyone but two addresses, or ordinary words
            # in the customers' languages (outside audit 67)
            ("intake_sender_pattern", "@(?!example\\.com$|gmail\\.com$)"),
            ("intake_notification_pattern", "\\.(de|fr|it|es|tr|cn|net|org|co\\.uk)$"),
            ("intake_no_response_pattern", "\\b(the|and|der|die|und|le|la|et)\\b"),
            ("intake_optout_pattern", "\\b(order|please|bitte|merci|谢谢)\\b"),
            # nor a free-mail provider, nor what a complaint says (outside audit 68)
            ("intake_sender_pattern", "@marketplace\\.amazon\\.com$|@yahoo\\.com$"),
            ("intake_sender_pattern", "@t-online\\.de$"),
            ("intake_notification_pattern", "@(aol|live|msn)\\.com$"),
            ("intake_no_response_pattern", "no response needed|refund"),
            ("intake_no_response_pattern", "kaputt|rembourse"),
            ("intake_optout_pattern", "damaged|退款"),
            # nor everyone at a provider but the listed users, nor what else
            # buyers ask (outside audit 69)
            ("intake_sender_pattern", "(?<!^kunde)@gmail\\.com$"),
            ("intake_notification_pattern", "^(?!bob@)[^@]+@hotmail\\.com$"),
            ("intake_no_response_pattern", "\\bwhere is my parcel\\b"),
            ("intake_no_response_pattern", "cancel|missing|wrong item"),
            ("intake_optout_pattern", "stornieren|annuler|取消"),
            ("intake_sender_pattern", "\\d@gmail\\.com$"),
            ("intake_notification_pattern", "@googlemail\\.com$"),
        ):
            with self.subTest(field=field, pattern=pattern):
                _result, error = self._call_kw(
                    "helpdesk.ticket.channel", "write", [amazon.ids, {field: pattern}]
                )
                self.assertIn("would be taken for the marketplace's", error.get("message", ""))
        amazon.invalidate_recordset()
        self.assertEqual(amazon.read(fields_), before)
        _result, error = self._call_kw(
            "helpdesk.ticket.channel",
            "write",
            [amazon.ids, {"intake_sender_pattern": "@marketplace\\.amazon\\.(com|de)$"}],
        )
        self.assertFalse(error, error.get("message"))

    def test_a_contact_form_stays_one(self):
        """The help desk's manager unticked 'From a contact form' on the Shopify
        store, and made a second channel for its mailer without it: a stranger who
        typed the buyer's address got the order he quoted (outside audit 67)."""
        shopify = self.env.ref("crossborder_ops_helpdesk.channel_shopify")
        self.authenticate("admin", "admin")
        for method, args in (
            ("write", [shopify.ids, {"intake_contact_form": False}]),
            ("create", [{"name": "T-Shop form", "intake_sender_pattern": "^mailer@shopify"}]),
            ("create", [{"name": "T-Blog form", "intake_sender_pattern": "^wordpress@"}]),
            # WordPress sends from the shop's own domain (outside audit 69)
            ("create", [{"name": "T-Blog", "intake_sender_pattern": "wordpress@myshop\\.de"}]),
            ("create", [{"name": "T-Blog", "intake_sender_pattern": "[w]ordpress[@]myshop"}]),
        ):
            with self.subTest(method=method, args=args):
                _result, error = self._call_kw("helpdesk.ticket.channel", method, args)
                self.assertIn("tick 'From a contact form'", error.get("message", ""))
        # nor are its messages notifications: a buyer's opened no ticket (audit 69)
        _result, error = self._call_kw(
            "helpdesk.ticket.channel",
            "create",
            [{"name": "T-Shop notices", "intake_notification_pattern": "^mailer@shopify\\.com$"}],
        )
        self.assertIn("they are buyers' messages", error.get("message", ""))
        shopify.invalidate_recordset()
        self.assertTrue(shopify.intake_contact_form)
        _result, error = self._call_kw(
            "helpdesk.ticket.channel",
            "create",
            [
                {
                    "name": "T-Shop form",
                    "intake_sender_pattern": "^mailer@shopify\\.com$",
                    "intake_contact_form": True,
                }
            ],
        )
        self.assertFalse(error, error.get("message"))
