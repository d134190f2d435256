# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A sleeping customer's order closes his revival, for whoever revived him."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import HttpCase, freeze_time

from odoo.addons.crossborder_ops_crm.tests.common import NOW, PoolRpc
from odoo.addons.crossborder_ops_crm.tests.test_pool_dormancy import DormancyCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
@freeze_time(NOW)
class TestRevivalPurchase(DormancyCase):
    def test_his_order_wins_the_revival_for_the_reviver(self):
        self._scan(NOW)
        revival = self._revivals()
        self.pool_eu._rotate_batch()
        reviver = revival.user_id
        self.assertIn(reviver, self.new_a | self.new_b, "the new tier revives him")
        product = self.env["product.product"].create({"name": "Pump", "list_price": 1250.0})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        order.date_order = NOW + timedelta(days=10)
        self.assertEqual(self._scan(NOW + timedelta(days=11)), (0, 1, 0))
        self.assertEqual(revival.won_status, "won")
        self.assertEqual(revival.user_id, reviver, "credited to the salesperson who revived him")
        self.assertEqual(revival.expected_revenue, 1250.0)
        self.assertTrue(
            any(f"revived by {reviver.name}" in (m.body or "") for m in revival.message_ids)
        )
        # and once he bought again, he is not dormant until 90 days after that purchase
        self.assertEqual(self._scan(NOW + timedelta(days=99)), (0, 0, 0))
        self.assertEqual(self._scan(NOW + timedelta(days=100))[0], 1)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
class TestRevivalCreditOverRpc(PoolRpc, DormancyCase, HttpCase):
    """Whose win a revival is, played over JSON-RPC (outside audit 80)."""

    def setUp(self):
        super().setUp()
        self._scan(NOW)
        self.revival = self._revivals()
        product = self.env["product.product"].create({"name": "Pump", "list_price": 2500.0})
        self.order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.veteran.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 4})],
            }
        )

    def _bought(self, when):
        self.order.action_confirm()
        self.order.date_order = when

    def _wins(self, user):
        """His wins and their revenue, as his trial measures count them."""
        [won] = self.env["crossborder.trial.measure"]._sales_won(
            [(user.id, NOW - timedelta(days=5), NOW + timedelta(days=16))]
        )
        return won["count"], won["revenue"]

    def _revived_by(self):
        return [m.body for m in self.revival.message_ids if "revived by" in (m.body or "")]

    def test_a_revival_claimed_after_the_customer_bought_is_nobodys_win(self):
        """Vera sold the sleeping customer 10,000; Nadia claimed his revival two
        seconds later, and the night's scan closed it as her win, worth Vera's
        10,000 (H1)."""
        self._bought(NOW - timedelta(hours=1))
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", self.revival.ids)
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.won_status, "won")
        self.assertEqual(self.revival.user_id, self.new_a, "she holds it still")
        self.assertFalse(self.revival.pool_first_won_user_id, "nobody revived him")
        self.assertEqual(self.revival.pool_won_revenue, 10000.0)
        self.assertEqual(self._wins(self.new_a), (0, 0), "not her win")
        [body] = self._revived_by()
        self.assertIn("revived by nobody (no salesperson held the lead", body)

    def test_a_closed_revival_stays_its_revivers_win(self):
        """The scan recorded the revival's date only: whoever took the lead next
        was its winner, a pool manager who wrote herself in included (H2)."""
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", self.revival.ids)
        self._bought(NOW + timedelta(hours=1))
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.pool_first_won_user_id, self.new_a)
        self.assertEqual(self.revival.pool_won_revenue, 10000.0)
        self.assertEqual(self._wins(self.new_a), (1, 10000.0))
        [body] = self._revived_by()
        self.assertIn("revived by Nadia New", body)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", self.revival.ids, {"user_id": self.manager.id})
        self.assertEqual(self.revival.user_id, self.manager)
        self.assertEqual(self.revival.pool_first_won_user_id, self.new_a, "still hers")
        self.assertEqual(self._wins(self.manager), (0, 0), "no win of hers")

    def test_a_lead_won_while_nobody_held_it_is_nobodys_win(self):
        """A web order's lead was won in the pool, held by nobody: the pool
        manager wrote herself in as its salesperson and it counted as her win
        (outside audit 73, M1)."""
        unheld = self._lead("Web order", self.de, expected_revenue=700.0)
        unheld.sudo().action_set_won()
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", unheld.ids, {"user_id": self.manager.id})
        self.assertEqual(unheld.user_id, self.manager)
        self.assertFalse(unheld.pool_first_won_user_id)
        self.assertEqual(self._wins(self.manager), (0, 0), "no win of hers")

    def test_an_order_confirmed_again_bought_when_first_confirmed(self):
        """Vera cancelled her confirmed order after Nadia's claim and confirmed it
        again: it was dated anew, past the claim, and the scan credited Nadia
        (outside audit 83, H1). Confirmed by a write of its state with a date
        ahead, an order kept that date (H2)."""
        self._bought(NOW - timedelta(hours=1))
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", self.revival.ids)
        self.authenticate("cbo_vet", "cbo_vet")
        for method in ("action_cancel", "action_draft", "action_confirm"):
            self.rpc("sale.order", method, self.order.ids)
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(self.order.pool_confirmed_on, NOW - timedelta(hours=1))
        draft = self.order.copy()
        self.rpc(
            "sale.order", "write", draft.ids, {"state": "sale", "date_order": "2030-12-31 10:00:00"}
        )
        self.assertEqual((draft.date_order, draft.pool_confirmed_on), (NOW, NOW))
        draft.sudo().action_cancel()
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertFalse(self.revival.pool_first_won_user_id, "nobody revived him")
        self.assertEqual(self._wins(self.new_a), (0, 0))

    def test_a_later_purchase_does_not_take_the_revivers_place(self):
        """Vera sold the sleeping customer 10,000 while nobody held his revival;
        Nadia claimed it and sold him one euro: the scan read his last purchase,
        hers, and made the revival her win (outside audit 84, H1)."""
        self._bought(NOW - timedelta(hours=1))
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", self.revival.ids)
        product = self.env["product.product"].create({"name": "Seal", "list_price": 1.0})
        euro = self.rpc(
            "sale.order",
            "create",
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": product.id})],
            },
        )
        self.rpc("sale.order", "action_confirm", [euro])
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertFalse(self.revival.pool_first_won_user_id, "Vera's sale revived him")
        self.assertEqual(self.revival.pool_won_revenue, 10000.0)
        self.assertEqual(self._wins(self.new_a), (0, 0))

    def test_a_claim_in_the_second_of_the_purchase_is_no_revival(self):
        """Nadia's claim and Vera's confirmation fell in the same second: the
        revival went to Nadia (outside audit 84, L1)."""
        self.order.action_confirm()
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", self.revival.ids)
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertFalse(self.revival.pool_first_won_user_id)
        self.assertEqual(self._wins(self.new_a), (0, 0))


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm_sale")
class TestRevivalKeptToItsPurchase(TestRevivalCreditOverRpc):
    """A revival is closed by its own customer's new purchase, credited to
    whoever held it then, whatever is moved around it (outside audit 85)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = cls._new_sales_manager()

    def setUp(self):
        super().setUp()
        self.other = self.env["res.partner"].create(
            {"name": "Andere AG", "is_company": True, "country_id": self.de.id}
        )
        self.contact = self.env["res.partner"].create(
            {"name": "Karl Kunde", "parent_id": self.customer.id}
        )

    def _order(self, partner, quantity=2):
        """As the authenticated salesperson: an order of pumps for ``partner``."""
        return self.rpc(
            "sale.order",
            "create",
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.order.order_line.product_id.id,
                            "product_uom_qty": quantity,
                        }
                    )
                ],
            },
        )

    def _claim(self):
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_claim", self.revival.ids)

    def _still_open(self):
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 0, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.won_status, "pending")
        self.assertEqual(self._wins(self.new_a), (0, 0))

    def test_a_confirmed_order_stays_its_customers_purchase(self):
        """Nadia moved her 5,000 sale to another customer onto a contact of the
        sleeping customer: the scan made his revival her win (H1). Its lines
        could be moved to another order too."""
        self._claim()
        sold = self._order(self.other)
        self.rpc("sale.order", "action_confirm", [sold])
        refused = "was confirmed: it stays what Andere AG bought"
        self.assertRpcRefused(
            refused, "sale.order", "write", [sold], {"partner_id": self.contact.id}
        )
        for method in ("action_cancel", "action_draft"):
            self.rpc("sale.order", method, [sold])
        self.assertRpcRefused(
            refused, "sale.order", "write", [sold], {"partner_id": self.contact.id}
        )
        draft = self._order(self.contact)
        line = self.env["sale.order"].browse(sold).order_line
        self.assertRpcRefused(
            "was confirmed: its lines stay on it",
            "sale.order.line",
            "write",
            line.ids,
            {"order_id": draft},
        )
        # another contact of the same customer takes it, and a sales manager corrects
        colleague = self.env["res.partner"].create({"name": "Olga", "parent_id": self.other.id})
        self.rpc("sale.order", "write", [sold], {"partner_id": colleague.id})
        self.env["sale.order"].browse(sold).with_user(self.sales_manager).partner_id = self.contact
        self.assertEqual(self.env["sale.order"].browse(sold).partner_id, self.contact)
        self.env["sale.order"].browse(sold).sudo().action_cancel()
        self._still_open()

    def test_the_order_form_says_who_bought(self):
        """Whose purchase a confirmed order is was kept but shown nowhere."""
        self.authenticate("cbo_new_a", "cbo_new_a")
        sold = self._order(self.contact)
        form = self.rpc("sale.order", "get_views", [[False, "form"]])["views"]["form"]["arch"]
        self.assertTrue('name="pool_customer_id"' in form, "the form shows Bought by")

        def bought():
            read = self.rpc("sale.order", "read", [sold], ["pool_customer_id"])
            return read[0]["pool_customer_id"]

        self.assertFalse(bought(), "a quotation was bought by nobody yet")
        self.rpc("sale.order", "action_confirm", [sold])
        self.assertEqual(bought(), [self.customer.id, self.customer.display_name])

    def test_a_revival_stays_its_customers(self):
        """Nadia pointed her revival at Vera's customer and won it with Vera's
        8,000 sale (H2); a contact of his moved to another company did the same."""
        self._claim()
        self.order.partner_id = self.other
        self._bought(NOW + timedelta(hours=1))
        for login in ("cbo_new_a", "cbo_pool_mgr"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertRpcRefused(
                    "revives Kunde GmbH: its contact may be another of his",
                    "crm.lead",
                    "write",
                    self.revival.ids,
                    {"partner_id": self.other.id},
                )
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "write", self.revival.ids, {"partner_id": self.contact.id})
        self.contact.parent_id = self.other
        self.assertEqual(self.revival.partner_id.commercial_partner_id, self.other)
        # nor is the revival then given the company its contact moved to (audit 86, M1)
        self.assertRpcRefused(
            "revives Kunde GmbH",
            "crm.lead",
            "write",
            self.revival.ids,
            {"partner_id": self.other.id},
        )
        self._still_open()

    def test_a_contact_moved_takes_no_purchase_along(self):
        """Nadia moved the buyer of Vera's confirmed order under the sleeping
        customer whose revival she held: the scan made it her win, worth Vera's
        sale (outside audit 86, H1)."""
        self._claim()
        buyer = self.env["res.partner"].create({"name": "Bert", "parent_id": self.other.id})
        self.order.partner_id = buyer
        self._bought(NOW + timedelta(hours=1))
        self.assertEqual(self.order.pool_customer_id, self.other)
        # nor may she move the buyer, nor write whose purchase it is (audit 87, H1-H3)
        for model, ids, vals, refusal in (
            ("res.partner", buyer.ids, {"parent_id": self.customer.id}, "Bert has orders"),
            ("sale.order", self.order.ids, {"pool_customer_id": self.customer.id}, "for whom"),
        ):
            with self.subTest(model=model):
                self.assertRpcRefused(refusal, model, "write", ids, vals)
        self.assertRpcRefused(
            "for whom",
            "sale.order",
            "create",
            {"partner_id": self.contact.id, "pool_customer_id": self.customer.id},
        )
        # a sales manager moves the buyer: his confirmed order stays Andere's purchase
        buyer.with_user(self.sales_manager).parent_id = self.customer
        self.assertEqual(self.order.partner_id.commercial_partner_id, self.customer)
        self._still_open()
        # a sales manager's new customer is whose purchase it is
        self.order.with_user(self.sales_manager).partner_id = self.contact
        self.assertEqual(self.order.pool_customer_id, self.customer)

    def test_a_merged_leads_moves_are_not_the_revivals(self):
        """Vera's other lead of the customer, handed to Noah after he bought while
        the revival waited, was merged into the revival: the scan credited Vera
        with a revival she never held (H4)."""
        extra = self._lead(
            "Kunde extra deal", self.de, user=self.veteran, partner_id=self.customer.id
        )
        self._bought(NOW - timedelta(hours=1))
        extra.with_user(self.sales_manager).user_id = self.new_b
        extra.with_user(self.sales_manager)._pool_flush_owner_events()
        self.authenticate("cbo_sales_mgr", "cbo_sales_mgr")
        wizard = self.rpc(
            "crm.merge.opportunity",
            "create",
            {
                "opportunity_ids": [(6, 0, [self.revival.id, extra.id])],
                "user_id": self.new_b.id,
                "team_id": self.team.id,
            },
        )
        self.rpc("crm.merge.opportunity", "action_merge", [wizard])
        self.assertTrue(self.revival.exists(), "the revival is the lead kept")
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.won_status, "won")
        self.assertFalse(self.revival.pool_first_won_user_id, "nobody held it when he bought")
        self.assertEqual(self._wins(self.veteran), (0, 0))

    def test_an_invoice_of_an_order_is_no_new_purchase(self):
        """A down payment invoiced on an order bought months before closed the
        revival as won: the customer bought nothing new (M1)."""
        self._claim()
        self.order.action_confirm()
        self.order.date_order = NOW - timedelta(days=120)  # a sales manager's date
        context = {"active_model": "sale.order", "active_ids": self.order.ids}
        self.env["sale.advance.payment.inv"].with_context(**context).create(
            {"advance_payment_method": "percentage", "amount": 50}
        ).create_invoices()
        self.order.invoice_ids.action_post()
        self.assertEqual(self.order.invoice_ids.mapped("state"), ["posted"])
        self._still_open()

    def test_an_invoice_made_after_the_claim_that_day_is_the_claimants(self):
        """An invoice made after Nadia's claim, dated that day, counted at
        midnight, before her claim: the revival went to nobody (M2)."""
        self._claim()
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.contact.id,
                "invoice_date": NOW.date(),
                "invoice_line_ids": [
                    Command.create({"name": "Pump service", "quantity": 1, "price_unit": 600.0})
                ],
            }
        )
        invoice.action_post()
        invoice.flush_recordset()
        self.env.cr.execute(  # made an hour after her claim
            "UPDATE account_move SET create_date = %s WHERE id = %s",
            [NOW + timedelta(hours=1), invoice.id],
        )
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.pool_first_won_user_id, self.new_a)
        self.assertEqual(self.revival.pool_won_revenue, 600.0)
        self.assertEqual(self._wins(self.new_a), (1, 600.0))

    def _invoice(self, *lines):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.contact.id,
                "invoice_date": NOW.date(),
                "invoice_line_ids": [Command.create(line) for line in lines],
            }
        )
        invoice.action_post()
        return invoice

    def test_an_invoice_reversed_in_full_sold_nothing(self):
        """An invoice made in error and reversed by a credit note closed the
        revival as won (outside audit 86, M2)."""
        self._claim()
        invoice = self._invoice({"name": "Deal", "quantity": 1, "price_unit": 1300.0})
        invoice._reverse_moves(cancel=True)
        self.assertEqual(invoice.payment_state, "reversed")
        self._still_open()

    def test_a_credit_note_lowers_what_an_invoice_sold(self):
        """A 10,000 invoice with a posted credit note of 9,000 was credited 10,000
        (outside audit 87, M2)."""
        self._claim()
        invoice = self._invoice({"name": "Deal", "quantity": 1, "price_unit": 10000.0})
        refund = invoice._reverse_moves([{"invoice_date": NOW.date()}])
        refund.invoice_line_ids.price_unit = 9000.0
        refund.action_post()
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.pool_won_revenue, 1000.0)
        self.assertEqual(self._wins(self.new_a), (1, 1000.0))

    def test_what_an_invoice_sells_beside_an_order_is_a_purchase(self):
        """An invoice billing an old order's line and new goods counted as
        nothing (outside audit 86, M3): its new goods are a purchase."""
        self._claim()
        self.order.action_confirm()
        self.order.date_order = NOW - timedelta(days=120)  # a sales manager's date
        old_line = self.order.order_line
        self._invoice(
            {
                "name": "Remainder",
                "quantity": 1,
                "price_unit": 1.0,
                "sale_line_ids": [Command.set(old_line.ids)],
            },
            {"name": "Brand new deal", "quantity": 1, "price_unit": 8000.0},
        )
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 1, 0))
        self.revival.invalidate_recordset()
        self.assertEqual(self.revival.pool_first_won_user_id, self.new_a)
        self.assertEqual(self.revival.pool_won_revenue, 8000.0)
