# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quotations a lead kept when it went back to the high seas pool, read
over JSON-RPC as the web client does by a salesperson who must claim the lead
first: Odoo's "Personal Orders" rule lets him read an order without
salesperson, its customer is the waiting lead's hidden customer."""

from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from odoo.addons.crossborder_ops_crm.tests.common import SALESMAN, PoolCase, PoolRpc, RpcRefused

HIDDEN = "This quotation belongs to a lead waiting in the pool: claim the lead to see it"
PARTNERS = ["partner_id", "partner_invoice_id", "partner_shipping_id"]


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
class TestPoolQuotationsHidden(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls._waiting_customer_lead()
        Order = cls.env["sale.order"]
        # made while Nadia held the lead, one without salesperson; the lead
        # went back to the pool since
        cls.stray = Order.create(
            {"partner_id": cls.customer.id, "opportunity_id": cls.waiting.id, "user_id": False}
        )
        cls.nadias = Order.create(
            {
                "partner_id": cls.customer.id,
                "opportunity_id": cls.waiting.id,
                "user_id": cls.new_a.id,
            }
        )
        cls.product = cls.env["product.product"].create({"name": "Pallet", "list_price": 10})
        cls.env["sale.order.line"].create(
            {"order_id": cls.stray.id, "product_id": cls.product.id, "product_uom_qty": 1}
        )
        # normal sales, as before: an order without opportunity, one of a lead
        # someone holds, one of a waiting lead whose pool masks nothing
        cls.buyer = cls.env["res.partner"].create({"name": "Walk-in buyer"})
        cls.held = cls._lead("Held", cls.de, user=cls.veteran, partner_id=cls.buyer.id)
        cls.open_pool = cls.env["crossborder.lead.pool"].create(
            {
                "name": "Open",
                "team_id": cls.team.id,
                "country_ids": [(6, 0, cls.jp.ids)],
                "mask_contact": False,
                "holdback_percent": 0.0,
            }
        )
        cls.unmasked = cls._lead("Unmasked", cls.jp, partner_id=cls.buyer.id)
        cls.normal = Order.create(
            [
                {"partner_id": cls.buyer.id, "user_id": False},
                {"partner_id": cls.buyer.id, "user_id": False, "opportunity_id": cls.held.id},
                {"partner_id": cls.buyer.id, "user_id": False, "opportunity_id": cls.unmasked.id},
            ]
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="cbo_sale_mgr",
            name="Sam Sales Manager",
            groups="sales_team.group_sale_manager," + SALESMAN,
        )

    def setUp(self):
        super().setUp()
        self.assertTrue(self.waiting._pool_is_waiting() and self.waiting.pool_id == self.pool_eu)
        self.assertEqual(self.unmasked.pool_id, self.open_pool, "waiting, not masked")
        self.authenticate("cbo_new_b", "cbo_new_b")

    def _seen(self, domain=()):
        return set(self.rpc("sale.order", "search", list(domain)))

    def test_a_waiting_leads_quotations_are_hidden_from_other_salespeople(self):
        """Noah searched the quotations of the waiting lead, or of its customer,
        and read the customer (and its addresses) of the one without
        salesperson: Nadia's stays hers, the stray one is hidden like the lead's
        customer."""
        self.assertFalse(self._seen() & set(self.stray.ids + self.nadias.ids))
        self.assertEqual(self._seen() & set(self.normal.ids), set(self.normal.ids))
        self.assertFalse(
            self.rpc(
                "sale.order",
                "search_read",
                [("opportunity_id", "=", self.waiting.id)],
                fields=PARTNERS,
            )
        )
        self.assertFalse(
            self.rpc("sale.order", "search_read", [("partner_id", "=", self.customer.id)], ["id"])
        )
        self.assertEqual(
            self.rpc(
                "sale.order", "search_count", [("partner_shipping_id", "=", self.customer.id)]
            ),
            0,
        )
        # read by id: refused with the reason, on stored fields too (where
        # Odoo's search-based read gave its generic "no read access")
        refused = self.assertRpcRefused(HIDDEN, "sale.order", "read", [self.stray.id], PARTNERS)
        self.assertNotIn("Anna", str(refused))
        self.assertRpcRefused(HIDDEN, "sale.order", "web_read", [self.stray.id], {"partner_id": {}})
        self.assertRpcRefused(HIDDEN, "sale.order", "read", [self.stray.id], ["tag_ids"])
        found = self.rpc(
            "sale.order",
            "name_search",
            "Anna Schmidt",
            context={"sale_show_partner_name": True},
        )
        self.assertFalse(found)

    def test_searches_by_the_quotation_do_not_name_the_customer(self):
        """Noah found which order was the waiting lead's (leads searched by
        ``order_ids in [id]``), then its customer with his e-mail and phone
        (contacts searched by ``sale_order_ids in [id]``): outside audit 5."""
        for domain in (
            [("sale_order_ids", "in", [self.stray.id])],
            [("sale_order_ids", "=", self.stray.id)],
        ):
            with self.subTest(domain=domain):
                self.assertEqual(self.rpc("res.partner", "search", domain), [])
        found = self.rpc("crm.lead", "search_count", [("order_ids", "in", [self.stray.id])])
        self.assertEqual(found, 0, "nor which lead it is")
        has_orders = self.rpc("crm.lead", "search", [("order_ids", "!=", False)])
        self.assertNotIn(self.waiting.id, has_orders, "nor that it has one")
        # orders he sees still find their customer and their lead
        normal = self.normal[2]  # of a waiting lead whose pool masks nothing
        self.assertEqual(
            self.rpc("res.partner", "search", [("sale_order_ids", "in", normal.ids)]),
            self.buyer.ids,
        )
        self.assertEqual(
            self.rpc("crm.lead", "search", [("order_ids", "in", normal.ids)]), self.unmasked.ids
        )

    def test_the_quotations_lines_are_hidden_with_it(self):
        """A line names its order's customer (Customer, the order's name)."""
        self.assertFalse(
            self.rpc(
                "sale.order.line",
                "search_read",
                [("order_partner_id", "=", self.customer.id)],
                ["order_partner_id", "order_id"],
            )
        )
        self.assertFalse(
            self.rpc(
                "sale.order.line",
                "formatted_read_group",
                [("order_id.opportunity_id", "=", self.waiting.id)],
                ["order_partner_id"],
                ["__count"],
            )
        )
        self.assertRpcRefused(
            HIDDEN, "sale.order.line", "read", self.stray.order_line.ids, ["order_partner_id"]
        )

    def test_a_hidden_quotation_is_neither_posted_on_nor_added_to(self):
        """Noah posted on the hidden quotation from the chatter's route (an e-mail
        to the customer, then he followed it and got the customer's answers; the
        reply named a following customer) and added lines to it (create, import):
        its amount grew while the lead waited."""
        self.stray.sudo().message_subscribe(partner_ids=self.customer.ids)
        before = self.stray.amount_total
        with self.assertRaises(RpcRefused) as refused:
            self.route(
                "/mail/message/post",
                thread_model="sale.order",
                thread_id=self.stray.id,
                post_data={
                    "body": "Dear customer, please write to me",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            )
        self.assertNotIn("Anna", str(refused.exception))
        self.assertNotIn(self.new_b.partner_id, self.stray.sudo().message_partner_ids)
        for method, args in (
            (
                "create",
                [{"order_id": self.stray.id, "product_id": self.product.id, "product_uom_qty": 5}],
            ),
            (
                "create",
                [{"order_id": self.stray.id, "display_type": "line_note", "name": "Call me"}],
            ),
            (
                "load",
                [["order_id/.id", "product_id/.id", "product_uom_qty"]],
            ),
        ):
            with self.subTest(method=method, args=args):
                if method == "load":
                    result = self.rpc(
                        "sale.order.line",
                        "load",
                        args[0],
                        [[str(self.stray.id), str(self.product.id), "2"]],
                    )
                    self.assertFalse(result["ids"])
                    self.assertIn("claim it before", str(result["messages"]))
                else:
                    self.assertRpcRefused("claim it before", "sale.order.line", method, *args)
        self.stray.invalidate_recordset()
        self.assertEqual(self.stray.amount_total, before, "the waiting lead's quotation as it was")
        self.assertEqual(len(self.stray.order_line), 1)
        # an order of no waiting lead, as before
        self.rpc(
            "sale.order.line",
            "create",
            [{"order_id": self.normal[0].id, "product_id": self.product.id, "product_uom_qty": 1}],
        )

    def test_grouped_reads_do_not_name_the_customer(self):
        for method in ("formatted_read_group", "web_read_group"):
            with self.subTest(method=method):
                result = self.rpc("sale.order", method, [], ["partner_id"], ["__count"])
                groups = result["groups"] if method == "web_read_group" else result
                partners = {group["partner_id"][0] for group in groups if group["partner_id"]}
                self.assertNotIn(self.customer.id, partners)
                self.assertIn(self.buyer.id, partners)

    def test_sales_analysis_does_not_name_the_customer(self):
        """Sales > Reporting > Sales grouped by customer: Odoo's "Personal Orders
        Analysis" rule lets Noah read the lines of orders without salesperson,
        the stray quotation's among them."""
        for method in ("formatted_read_group", "web_read_group"):
            with self.subTest(method=method):
                result = self.rpc("sale.report", method, [], ["partner_id"], ["__count"])
                groups = result["groups"] if method == "web_read_group" else result
                partners = {group["partner_id"][0] for group in groups if group["partner_id"]}
                self.assertNotIn(self.customer.id, partners)
        self.assertFalse(
            self.rpc("sale.report", "search_count", [("partner_id", "=", self.customer.id)])
        )
        # the buyer of a normal sale is in it, as before (the report has lines only)
        self.env["sale.order.line"].create(
            {"order_id": self.normal[0].id, "product_id": self.product.id, "product_uom_qty": 1}
        )
        self.assertTrue(
            self.rpc("sale.report", "search_count", [("partner_id", "=", self.buyer.id)])
        )
        self.authenticate("cbo_sale_mgr", "cbo_sale_mgr")
        self.assertTrue(
            self.rpc("sale.report", "search_count", [("partner_id", "=", self.customer.id)])
        )

    def test_the_leads_quotation_count(self):
        """The waiting lead's Quotations button counts none for Noah."""
        [lead] = self.rpc(
            "crm.lead", "read", [self.waiting.id], ["quotation_count", "order_ids", "partner_id"]
        )
        self.assertEqual(lead["quotation_count"], 0)
        self.assertEqual(lead["order_ids"], [])
        self.assertFalse(lead["partner_id"], "masked")

    def test_own_quotation_managers_and_claimed_leads_see_them(self):
        """Nadia reads her own quotation; sales and pool managers all of them;
        once Noah claims the lead, its quotations are his to read."""
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.assertEqual(
            self._seen([("opportunity_id", "=", self.waiting.id)]), set(self.nadias.ids)
        )
        [order] = self.rpc("sale.order", "read", [self.nadias.id], ["partner_id"])
        self.assertEqual(order["partner_id"][0], self.customer.id)
        for login in ("cbo_sale_mgr", "cbo_pool_mgr"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertEqual(
                    self._seen([("opportunity_id", "=", self.waiting.id)]),
                    set((self.stray | self.nadias).ids),
                )
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        self.assertEqual(
            self._seen([("opportunity_id", "=", self.waiting.id)]), set(self.stray.ids)
        )
        [order] = self.rpc("sale.order", "read", [self.stray.id], PARTNERS)
        self.assertEqual(order["partner_id"][0], self.customer.id)

    def test_people_outside_sales_read_orders_as_before(self):
        """The pool masks leads from salespeople: an employee without sales
        rights (the warehouse, accounting, reading the orders they work on)
        and the portal customer are not among them."""
        for groups in ("base.group_user", "base.group_portal"):
            with self.subTest(groups=groups):
                user = new_test_user(self.env, login=f"cbo_{groups}", groups=groups)
                self.assertIsNone(
                    self.env["sale.order"].with_user(user)._crossborder_hidden_domain()
                )
