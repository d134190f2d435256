# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quotations of a lead waiting in the high seas pool, played over JSON-RPC as
the web client does: a salesperson claims the lead before she makes a
quotation on it or moves one onto it; the leads she holds and the managers
work as before."""

from lxml import etree

from odoo import Command
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from odoo.addons.crossborder_ops_crm.tests.common import (
    NOW,
    SALESMAN,
    PoolCase,
    PoolRpc,
    RpcRefused,
)

REFUSED = "Kunde GmbH is waiting in the EU pool: claim it before you work on it"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
class TestPoolQuotations(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls._waiting_customer_lead(expected_revenue=100)
        cls.mine = cls._lead("Nadia's", cls.de, user=cls.new_a)
        cls.buyer = cls.env["res.partner"].create({"name": "Nadia's buyer"})
        cls.sales_manager = new_test_user(
            cls.env,
            login="cbo_sale_mgr",
            name="Sam Sales Manager",
            groups="sales_team.group_sale_manager," + SALESMAN,
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cbo_new_a", "cbo_new_a")

    def _quotation(self, lead, context=None, buyer=True):
        """A quotation (of Nadia's buyer) on ``lead``, as her RPC ``create``."""
        values = {"partner_id": self.buyer.id} if buyer else {}
        if lead:
            values["opportunity_id"] = lead.id
        return self.rpc("sale.order", "create", values, context=context or {})

    def _orders(self, lead):
        return self.env["sale.order"].search([("opportunity_id", "=", lead.id)])

    def test_a_quotation_is_not_made_on_a_waiting_lead(self):
        """Making a meeting or an activity on a waiting lead is refused (claim it
        first); a quotation was made on it (RPC ``create``), given in the
        values or as the context default of the lead's New Quotation."""
        for context in ({}, {"default_opportunity_id": self.waiting.id}):
            with self.subTest(context=context):
                with self.assertRaisesRegex(RpcRefused, REFUSED):
                    self._quotation(None if context else self.waiting, context)
        self.assertFalse(self._orders(self.waiting))
        self.assertEqual(self.waiting.quotation_count, 0)

    def test_a_quotation_is_not_moved_onto_a_waiting_lead(self):
        """Nadia made a quotation on her own lead and wrote the waiting lead
        into it (RPC ``write``): it stuck."""
        order = self._quotation(self.mine)
        self.assertRpcRefused(
            REFUSED, "sale.order", "write", [order], {"opportunity_id": self.waiting.id}
        )
        self.assertEqual(self.env["sale.order"].browse(order).opportunity_id, self.mine)
        other = self._lead("Nadia's other", self.de, user=self.new_a)
        self.rpc("sale.order", "write", [order], {"opportunity_id": other.id})
        self.assertEqual(self.env["sale.order"].browse(order).opportunity_id, other, "hers")
        self.rpc("sale.order", "write", [order], {"opportunity_id": False})
        self.assertFalse(self.env["sale.order"].browse(order).opportunity_id)

    def test_a_copy_of_a_quotation_is_not_made_on_a_waiting_lead(self):
        """A manager's quotation on the waiting lead without salesperson: Odoo's
        own rule lets Nadia read it, the pool hides it with the lead's customer
        (test_pool_quotations_hidden), and where the pool masks nothing she
        reads it, but duplicating it would be a quotation made on the waiting
        lead."""
        order = self.env["sale.order"].create(
            {"partner_id": self.buyer.id, "opportunity_id": self.waiting.id, "user_id": False}
        )
        self.assertRpcRefused("claim the lead to see it", "sale.order", "copy", [order.id])
        self.pool_eu.mask_contact = False
        self.assertRpcRefused(REFUSED, "sale.order", "copy", [order.id])
        self.assertEqual(self._orders(self.waiting), order)

    def test_the_new_quotation_buttons_on_a_waiting_lead(self):
        """The lead's form hides its New Quotation on a waiting lead; called
        anyway, the buttons refuse a masked lead (its customer would be the
        order's) and open the order form of an unmasked one, whose save is
        refused."""
        form = self.rpc("crm.lead", "get_views", [[False, "form"]])
        arch = etree.fromstring(form["views"]["form"]["arch"])
        [button] = arch.xpath("//header/button[@name='action_sale_quotations_new']")
        self.assertIn("pool_locked", button.get("invisible"))
        for method in ("action_sale_quotations_new", "action_new_quotation"):
            with self.subTest(method=method):
                self.assertRpcRefused(REFUSED, "crm.lead", method, [self.waiting.id])
        self.pool_eu.mask_contact = False
        action = self.rpc("crm.lead", "action_new_quotation", [self.waiting.id])
        self.assertEqual(action["context"]["default_opportunity_id"], self.waiting.id)
        with self.assertRaisesRegex(RpcRefused, REFUSED):
            self._quotation(None, action["context"])
        self.assertFalse(self._orders(self.waiting))

    def test_a_claimed_lead_takes_quotations_as_before(self):
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        action = self.rpc("crm.lead", "action_sale_quotations_new", [self.waiting.id])
        order = self._quotation(None, action["context"], buyer=False)
        self.assertEqual(self.env["sale.order"].browse(order).opportunity_id, self.waiting)
        self.assertEqual(self.env["sale.order"].browse(order).partner_id, self.customer)
        moved = self._quotation(self.mine)
        self.rpc("sale.order", "write", [moved], {"opportunity_id": self.waiting.id})
        self.assertEqual(len(self._orders(self.waiting)), 2)

    def _priced(self, user, lead, price):
        """A quotation of ``user`` on ``lead`` worth ``price`` (untaxed), made
        while the lead was hers."""
        product = self.env["product.product"].create({"name": "Pallet", "taxes_id": False})
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": lead.id,
                "user_id": user.id,
                "order_line": [(0, 0, {"product_id": product.id, "price_unit": price})],
            }
        )

    def test_a_quotation_of_a_waiting_lead_is_confirmed_once_claimed(self):
        """Nadia's quotations of a lead that went back to the pool since: her
        confirmation of the one below the lead's expected revenue went through
        (the one above was refused, raising the lead's figure): both wait for
        her claim now, as any work on the lead."""
        small = self._priced(self.new_a, self.waiting, 40)
        large = self._priced(self.new_a, self.waiting, 400)
        for order in (small, large):
            with self.subTest(amount=order.amount_untaxed):
                self.assertRpcRefused(REFUSED, "sale.order", "action_confirm", order.ids)
                self.assertEqual(order.state, "draft")
        self.assertEqual(self.waiting.expected_revenue, 100)
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        self.rpc("sale.order", "action_confirm", (small | large).ids)
        self.assertEqual(set((small | large).mapped("state")), {"sale"})
        self.assertEqual(self.waiting.expected_revenue, 400, "sale_crm's update, as before")
        self.assertEqual(self.waiting.sale_order_count, 2)

    def test_a_quotation_of_a_waiting_lead_is_not_confirmed_by_a_write(self):
        """Nadia wrote the state Sales Order on her quotation of the waiting
        lead (RPC ``write``, which Odoo lets her do) instead of pressing
        Confirm: it was confirmed without her claim."""
        order = self._priced(self.new_a, self.waiting, 40)
        self.assertRpcRefused(REFUSED, "sale.order", "write", order.ids, {"state": "sale"})
        self.assertEqual(order.state, "draft")
        # marking it sent is not a confirmation: as before
        self.rpc("sale.order", "write", order.ids, {"state": "sent"})
        self.assertEqual(order.state, "sent")
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("sale.order", "write", order.ids, {"state": "sale"})
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.waiting.user_id, "still waiting")
        # once claimed, Nadia's write goes through, as before
        other = self._priced(self.new_a, self.waiting, 50)
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        self.rpc("sale.order", "write", other.ids, {"state": "sale"})
        self.assertEqual(other.state, "sale")

    def test_managers_confirm_quotations_of_waiting_leads(self):
        orders = self._priced(self.new_a, self.waiting, 40) | self._priced(
            self.new_a, self.waiting, 400
        )
        for order, login in zip(orders, ("cbo_pool_mgr", "cbo_sale_mgr"), strict=True):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.rpc("sale.order", "action_confirm", order.ids)
                self.assertEqual(order.state, "sale")
        # the customer accepting online: the portal confirms as the system
        online = self._priced(self.new_a, self.waiting, 50)
        online.with_user(self.new_a).sudo().action_confirm()
        self.assertEqual(online.state, "sale")
        self.assertFalse(self.waiting.user_id, "still waiting")
        self.assertEqual(self.waiting.expected_revenue, 400)

    def test_confirming_on_a_held_lead_or_without_lead_as_before(self):
        orders = self._priced(self.new_a, self.mine, 40)
        orders |= self.env["sale.order"].create(
            {"partner_id": self.buyer.id, "user_id": self.new_a.id}
        )
        self.rpc("sale.order", "action_confirm", orders.ids)
        self.assertEqual(set(orders.mapped("state")), {"sale"})

    def test_pool_and_sales_managers_make_quotations_on_waiting_leads(self):
        for login in ("cbo_pool_mgr", "cbo_sale_mgr"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                order = self._quotation(self.waiting)
                self.assertEqual(self.env["sale.order"].browse(order).opportunity_id, self.waiting)
                other = self._quotation(self.mine)
                self.rpc("sale.order", "write", [other], {"opportunity_id": self.waiting.id})
        self.assertEqual(len(self._orders(self.waiting)), 4)
        self.assertFalse(self.waiting.user_id, "still waiting")

    def test_a_quotation_is_not_linked_to_a_colleagues_lead(self):
        """Nadia linked her quotation to Vera's lead, which she cannot open: her
        order showed her its name and counted in Vera's quotations (outside
        audit 82, L1). A meeting on it neither."""
        veras = self._lead("Vera's Stockholm store", self.de, user=self.veteran)
        refused = "You can only link a lead you can open"
        with self.assertRaisesRegex(RpcRefused, refused):
            self._quotation(veras)
        own = self._quotation(self.mine)
        with self.assertRaisesRegex(RpcRefused, refused):
            self.rpc("sale.order", "write", [own], {"opportunity_id": veras.id})
        with self.assertRaises(RpcRefused):  # Odoo's own refusal, or ours
            self.rpc("calendar.event", "create", {"name": "Visit", "opportunity_id": veras.id})
        self.assertFalse(self._orders(veras))
        self.assertEqual(veras.quotation_count, 0)
        self.assertEqual(self._orders(self.mine).ids, [own])

    def test_a_confirmed_order_keeps_its_date(self):
        """Vera re-dated her confirmed order past Nadia's claim of the customer's
        revival, and the night's scan credited Nadia with the sale; Nadia could
        re-date an order without salesperson herself (outside audit 82, H1)."""
        product = self.env["product.product"].create({"name": "Pump", "list_price": 900.0})
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.buyer.id,
                    "user_id": user.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for user in (self.veteran, self.env["res.users"])
            ]
        )
        orders.action_confirm()
        dated = orders.mapped("date_order")
        for login, order in (("cbo_vet", orders[0]), ("cbo_new_a", orders[1])):
            with self.subTest(login=login):
                self.authenticate(login, login)
                with self.assertRaisesRegex(RpcRefused, "its order date is the day it was"):
                    self.rpc(
                        "sale.order", "write", order.ids, {"date_order": "2030-12-31 10:00:00"}
                    )
        orders.invalidate_recordset()
        self.assertEqual(orders.mapped("date_order"), dated)
        # made confirmed, an order is dated now, as by the button (outside audit 84, L2)
        made = self.rpc(
            "sale.order",
            "create",
            {"partner_id": self.buyer.id, "state": "sale", "date_order": "2026-10-01 10:00:00"},
        )
        made = self.env["sale.order"].browse(made)
        self.assertEqual((made.date_order, made.pool_confirmed_on), (NOW, NOW))
        # a quotation's date is hers to set, and a sales manager corrects a confirmed one
        quotation = self._quotation(self.mine)
        self.rpc("sale.order", "write", [quotation], {"date_order": "2030-12-31 10:00:00"})
        self.authenticate("cbo_sale_mgr", "cbo_sale_mgr")
        self.rpc("sale.order", "write", orders[0].ids, {"date_order": "2026-10-30 10:00:00"})
        self.assertEqual(str(orders[0].date_order), "2026-10-30 10:00:00")
