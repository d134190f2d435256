# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import OrderData

# windows of 30 days; the current one ends at midnight after 10 November 2026
PERIODS = [
    (datetime(2026, 9, 12), datetime(2026, 10, 12)),
    (datetime(2026, 10, 12), datetime(2026, 11, 11)),
]
SEPTEMBER, OCTOBER = datetime(2026, 9, 20, 10), datetime(2026, 10, 20, 10)


@tagged("post_install", "-at_install")
class TestRatesRecurrence(OrderData, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        param = env["ir.config_parameter"].set_param
        param("crossborder_ops_helpdesk.recurrence_threshold", 3)
        param("crossborder_ops_helpdesk.recurrence_window_days", 30)
        param("crossborder_ops_helpdesk.recurrence_history_periods", 1)
        department = env["hr.department"].create({"name": "T-Quality"})
        cls.cause = env["crossborder.root.cause"].create(
            {"name": "T-Defective unit", "link": "procurement", "department_id": department.id}
        )
        cls.fr_buyer = env["res.partner"].create(
            {"name": "T-Jean Acheteur", "country_id": env.ref("base.fr").id}
        )
        dhl_product = env["product.product"].create({"name": "T-DHL", "type": "service"})
        cls.dhl = env["delivery.carrier"].create(
            {"name": "T-DHL", "product_id": dhl_product.id, "delivery_type": "fixed"}
        )
        Product = env["product.product"]
        cls.busy = Product.create({"name": "T-Phone case"})
        cls.rare = Product.create({"name": "T-Hair dryer"})
        # the lamp: 4 lines to the UK with Yanwen in September, 2 to France with DHL
        # in October, 2 sold but not shipped
        cls._shipped(cls.product, 4, SEPTEMBER)
        cls._shipped(cls.product, 2, OCTOBER, cls.fr_buyer, cls.dhl)
        cls._sold(cls.product, 2)
        cls._shipped(cls.busy, 10, SEPTEMBER)
        cls._shipped(cls.busy, 10, OCTOBER)
        cls._shipped(cls.rare, 20, SEPTEMBER)
        cls._shipped(cls.rare, 5, OCTOBER)

    @classmethod
    def _sold(cls, product, lines, partner=None, carrier=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.buyer).id,
                "carrier_id": (carrier or cls.carrier).id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 1}) for _i in range(lines)
                ],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _shipped(cls, product, lines, when, partner=None, carrier=None):
        picking = cls._sold(product, lines, partner, carrier).picking_ids
        picking.move_ids.write({"quantity": 1, "picked": True})  # one unit per line
        picking._action_done()
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE stock_move SET date = %s WHERE picking_id = %s", (when, picking.id)
        )
        cls.env["stock.move"].invalidate_model(["date"])

    def _problem(self, product, when, cause=None):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Broken",
                "description": "<p>It broke.</p>",
                "team_id": self.team.id,
                "product_id": product.id,
            }
        )
        ticket.flush_recordset()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s", (when, ticket.id)
        )
        ticket.invalidate_recordset(["create_date"])
        ticket.root_cause_id = cause or self.cause  # setting the cause runs the detection
        return ticket

    def _recurrence(self, product):
        return self.env["crossborder.recurrence"].search(
            [("product_id", "=", product.id), ("root_cause_id", "=", self.cause.id)]
        )

    def test_shipped_order_lines_per_product_country_carrier_and_period(self):
        uk, fr = self.env.ref("base.uk"), self.env.ref("base.fr")
        keys = [
            (("product", self.product.id),),
            (("country", uk.id),),
            (("country", fr.id),),
            (("carrier", "t-yanwen"),),
            (("carrier", "t-dhl"),),
            (("product", self.product.id), ("country", fr.id)),
            (),
        ]
        company = self.env.company
        shipped = self.env["crossborder.recurrence"]._cbo_recurrence_opportunities(
            company, keys, PERIODS
        )
        self.assertEqual(
            [shipped[key] for key in keys],
            [[4, 2], [34, 15], [0, 2], [34, 15], [0, 2], [0, 2], [34, 17]],
        )

    def test_rate_past_its_limit_opens_the_recurrence_usual_rate_does_not(self):
        Recurrence = type(self.env["crossborder.recurrence"])
        # the history: 3 problems in 10 shipped phone cases, 1 in 20 hair dryers
        with patch.object(Recurrence, "_detect_for", lambda self, tickets: self.browse()):
            for day in (22, 24, 26):
                self._problem(self.busy, datetime(2026, 9, day, 9))
            self._problem(self.rare, datetime(2026, 9, 25, 9))
        for product in (self.busy, self.rare):
            self._problem(product, datetime(2026, 10, 25, 9))
            self._problem(product, datetime(2026, 10, 28, 9))
            self.assertFalse(self._recurrence(product), "below the fixed count")
            self._problem(product, datetime(2026, 11, 10, 9))
        self.assertFalse(self._recurrence(self.busy), "3 in 10 is the phone case's usual rate")
        recurrence = self._recurrence(self.rare)
        # 3 in 5 against 1 in 20: limit 0.05 + 3 * sqrt(0.05 * 0.95 / 5) = 0.342
        self.assertEqual(recurrence.ticket_count, 3)
        self.assertEqual((recurrence.shipment_count, recurrence.rate), (5, 600.0))
        self.assertEqual(recurrence.usual_rate, 50.0)
        self.assertAlmostEqual(recurrence.upper_limit, 342.40, places=2)

    def test_problem_facts_without_cost_fields(self):
        ticket = self._problem(self.product, datetime(2026, 10, 25, 9))
        facts = ticket._cbo_problem_facts()
        if "problem_cost" not in ticket._fields:
            self.assertEqual(facts, {})
        else:
            self.assertEqual(set(facts[ticket.id]), {"cost", "supplier_id", "carrier_id"})

    def test_shipments_counted_in_grouped_queries(self):
        keys = [(("product", product.id),) for product in (self.product, self.busy, self.rare)]
        keys += [(("carrier", "t-yanwen"),), (("carrier", "t-dhl"),)]
        Recurrence = self.env["crossborder.recurrence"]
        Recurrence._cbo_recurrence_opportunities(self.env.company, keys, PERIODS)  # warm up
        self.env.invalidate_all()
        # any check, the carriers' names, one grouped query per dimension
        with self.assertQueryCount(4):
            shipped = Recurrence._cbo_recurrence_opportunities(self.env.company, keys, PERIODS)
        self.assertEqual(
            [shipped[key] for key in keys], [[4, 2], [10, 10], [20, 5], [34, 15], [0, 2]]
        )
