# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The invoices of a quotation hidden with its waiting lead, read over JSON-RPC
as the web client does by a salesperson who must claim the lead first.

In Odoo 19 a salesperson reads customer invoices without any accounting group:
Sales gives "User: Own Documents Only" read access to invoices and their lines
(sale's ir.model.access.csv) and its "Personal Invoices" rules let him read
his own and those without salesperson. An invoice made from the hidden
quotation has none, its customer is the waiting lead's hidden customer."""

from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from odoo.addons.crossborder_ops_crm.tests.common import SALESMAN, PoolCase, PoolRpc

HIDDEN = "This invoice belongs to a lead waiting in the pool: claim the lead to see it"
PARTNERS = ["partner_id", "commercial_partner_id", "partner_shipping_id"]


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
class TestPoolInvoicesHidden(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls._waiting_customer_lead()
        cls.product = cls.env["product.product"].create(
            {"name": "Freight", "type": "service", "invoice_policy": "order", "list_price": 10}
        )
        # made while Nadia held the lead, without salesperson, confirmed and
        # invoiced by the office; the lead went back to the pool since
        cls.invoice = cls._invoiced(cls.customer, opportunity_id=cls.waiting.id)
        cls.invoice.action_post()
        cls.refund = cls.invoice._reverse_moves()
        cls.refund.invoice_user_id = False
        cls.hidden = cls.invoice | cls.refund
        # a normal sale without salesperson, invoiced as before
        cls.buyer = cls.env["res.partner"].create({"name": "Walk-in buyer"})
        cls.normal = cls._invoiced(cls.buyer)
        cls.accountant = new_test_user(
            cls.env,
            login="cbo_billing",
            name="Bill Billing",
            groups="account.group_account_invoice," + SALESMAN,
        )
        cls.auditor = new_test_user(
            cls.env,
            login="cbo_auditor",
            name="Audrey Auditor",
            groups="account.group_account_readonly," + SALESMAN,
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="cbo_sale_mgr",
            name="Sam Sales Manager",
            groups="sales_team.group_sale_manager," + SALESMAN,
        )

    @classmethod
    def _invoiced(cls, partner, **values):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": False,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})],
                **values,
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        # Odoo gives the invoice its maker as salesperson, the office cleared
        # it (Other Info > Salesperson): the order has none
        invoice.invoice_user_id = False
        return invoice

    def setUp(self):
        super().setUp()
        self.assertTrue(self.waiting._pool_is_waiting())
        self.assertEqual(self.invoice.move_type, "out_invoice")
        self.assertEqual(self.refund.move_type, "out_refund")
        self.assertFalse(self.hidden.invoice_user_id, "Odoo's rule lets Noah read them")
        self.assertEqual(self.hidden.partner_id, self.customer)
        self.authenticate("cbo_new_b", "cbo_new_b")

    def _seen(self, domain=()):
        return set(self.rpc("account.move", "search", list(domain)))

    def test_a_hidden_quotations_invoices_are_hidden_from_other_salespeople(self):
        """Noah searched the invoices (Sales > To Invoice, the customer's
        invoices) and read the waiting lead's customer, its addresses."""
        self.assertFalse(self._seen() & set(self.hidden.ids))
        self.assertIn(self.normal.id, self._seen(), "as before")
        for field in PARTNERS:
            with self.subTest(field=field):
                self.assertFalse(
                    self.rpc(
                        "account.move", "search_read", [(field, "=", self.customer.id)], PARTNERS
                    )
                )
        self.assertEqual(
            self.rpc(
                "account.move", "search_count", [("partner_id.name", "ilike", "Anna Schmidt")]
            ),
            0,
        )
        found = self.rpc("account.move", "name_search", self.invoice.name)
        self.assertNotIn(self.invoice.id, [move_id for move_id, _name in found])
        for move in self.hidden:
            with self.subTest(move=move.move_type):
                refused = self.assertRpcRefused(HIDDEN, "account.move", "read", move.ids, PARTNERS)
                self.assertNotIn("Anna", str(refused))
                self.assertRpcRefused(
                    HIDDEN, "account.move", "web_read", move.ids, {"partner_id": {}}
                )

    def test_searches_by_the_invoice_do_not_name_the_customer(self):
        """Contacts searched by ``invoice_ids in [id]`` named the waiting lead's
        hidden customer (as its quotation did, outside audit 5)."""
        for invoice in self.hidden:
            with self.subTest(invoice=invoice.id):
                found = self.rpc("res.partner", "search", [("invoice_ids", "in", invoice.ids)])
                self.assertEqual(found, [])
        found = self.rpc("res.partner", "search", [("invoice_ids", "in", self.normal.ids)])
        self.assertEqual(found, self.buyer.ids, "an invoice he sees finds its customer")

    def test_the_invoices_lines_are_hidden_with_it(self):
        """Every line names the customer: the product lines, the receivable."""
        self.assertFalse(
            self.rpc(
                "account.move.line",
                "search_read",
                [("partner_id", "=", self.customer.id)],
                ["partner_id", "move_id"],
            )
        )
        self.assertFalse(
            self.rpc(
                "account.move.line",
                "search",
                [("move_id", "in", self.hidden.ids)],
            )
        )
        self.assertRpcRefused(
            HIDDEN, "account.move.line", "read", self.invoice.line_ids.ids, ["partner_id"]
        )

    def test_grouped_reads_do_not_name_the_customer(self):
        for model in ("account.move", "account.move.line"):
            for method in ("formatted_read_group", "web_read_group"):
                with self.subTest(model=model, method=method):
                    result = self.rpc(model, method, [], ["partner_id"], ["__count"])
                    groups = result["groups"] if method == "web_read_group" else result
                    partners = {group["partner_id"][0] for group in groups if group["partner_id"]}
                    self.assertNotIn(self.customer.id, partners)
                    self.assertIn(self.buyer.id, partners)

    def test_accounting_managers_and_claimed_leads_see_them(self):
        """Billing and auditing users read every invoice, as Odoo lets them;
        sales and pool managers see every customer; once Noah claims the lead,
        its invoices are as any other invoice without salesperson."""
        for login in ("cbo_billing", "cbo_auditor", "cbo_sale_mgr", "cbo_pool_mgr"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertEqual(
                    self._seen([("partner_id", "=", self.customer.id)]), set(self.hidden.ids)
                )
                [invoice] = self.rpc("account.move", "read", self.invoice.ids, ["partner_id"])
                self.assertEqual(invoice["partner_id"][0], self.customer.id)
        self.authenticate("cbo_new_b", "cbo_new_b")
        self.rpc("crm.lead", "action_claim", [self.waiting.id])
        self.assertEqual(self._seen([("partner_id", "=", self.customer.id)]), set(self.hidden.ids))

    def test_an_invoice_given_to_a_salesperson_stays_hers(self):
        """The invoice's salesperson reads it, as the quotation's does."""
        self.invoice.invoice_user_id = self.new_b
        self.assertEqual(self._seen([("partner_id", "=", self.customer.id)]), set(self.invoice.ids))

    def test_the_invoice_list_costs_the_same_for_many_invoices(self):
        """The hidden invoices are left out in the list's query, not one by
        one."""
        Move = self.env["account.move"].with_user(self.new_b)
        fields = {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "amount_total": {}}
        domain = [("move_type", "in", ("out_invoice", "out_refund"))]
        Move.web_search_read(domain, fields)  # warm the caches
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Move.web_search_read(domain, fields)
        few = self.cr.sql_log_count - before
        for _ in range(3):
            self._invoiced(self.customer, opportunity_id=self.waiting.id)
            self._invoiced(self.buyer)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Move.web_search_read(domain, fields)
        self.assertEqual(self.cr.sql_log_count - before, few)
