# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.tests import BaseCase, tagged

from ..monitor.control import chart, first_signal, periods_ending, recurs
from .common import MonitorCase

T0 = datetime(2026, 10, 1, 9)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestControlChart(BaseCase):
    def test_fires_at_the_first_point_past_the_limit_not_before(self):
        # 1 % of problems for four periods, then 2 %, 3 %, 6 %
        history = [(10, 1000)] * 4 + [(20, 1000), (30, 1000), (60, 1000)]
        points = chart(history, floor=3)
        # period 4: centre 40/4000 = 1 %, limit 1 % + 3 * sqrt(0.01 * 0.99 / 1000) = 1.944 %
        self.assertAlmostEqual(points[4].centre, 0.01)
        self.assertAlmostEqual(points[4].upper, 0.019439, places=6)
        self.assertEqual([p.signal for p in points], [False, False, False, False, True, True, True])
        self.assertEqual(first_signal(history, floor=3), 4, "2 % is past 1.94 %")
        self.assertIsNone(first_signal([(10, 1000)] * 4 + [(19, 1000)], floor=3), "1.9 % is not")

    def test_first_period_without_baseline_uses_the_fixed_count(self):
        self.assertIsNone(first_signal([(3, 30)], floor=3), "no limit to be past")
        self.assertTrue(recurs([(3, 30)], floor=3))
        self.assertFalse(recurs([(2, 30)], floor=3))
        self.assertTrue(recurs([(0, 0), (3, 0)], floor=3), "no shipments: the fixed count")
        point = chart([(3, 30)], floor=3)[0]
        self.assertEqual((point.centre, point.without_limit), (None, True))
        self.assertFalse(recurs([(3, 30000), (3, 30000)], floor=3), "a limit decides")

    def test_floor_is_kept_under_a_rate_past_the_limit(self):
        # no problem in 10,000 shipments: any problem is past the limit of 0 ...
        self.assertIsNone(first_signal([(0, 10000), (2, 100)], floor=3))
        # ... but it takes the fixed count
        self.assertEqual(first_signal([(0, 10000), (3, 100)], floor=3), 1)

    def test_three_in_thirty_flags_three_in_thirty_thousand_does_not(self):
        baseline = [(3, 30000)]
        self.assertEqual(first_signal(baseline + [(3, 30)], floor=3), 1)
        self.assertIsNone(first_signal(baseline + [(3, 30000)], floor=3))

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            chart([(-1, 10)])
        with self.assertRaises(ValueError):
            chart([(1, 10)], floor=0)
        with self.assertRaises(ValueError):
            periods_ending(T0, 0, 3)

    def test_periods_ending(self):
        end = datetime(2026, 11, 1)
        self.assertEqual(
            periods_ending(end, 30, 2),
            [
                (datetime(2026, 9, 2), datetime(2026, 10, 2)),
                (datetime(2026, 10, 2), datetime(2026, 11, 1)),
            ],
        )


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestRecurrenceOnRates(MonitorCase):
    """Recurrences with shipments known (the sales addon gives them through
    ``_cbo_recurrence_opportunities``; here a fixed table stands in for it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        param = cls.env["ir.config_parameter"].set_param
        param("crossborder_ops_helpdesk.recurrence_threshold", 3)
        param("crossborder_ops_helpdesk.recurrence_window_days", 30)
        param("crossborder_ops_helpdesk.recurrence_history_periods", 2)
        cls.busy, cls.rare = cls.product, cls.product_b
        # the current window ends at midnight after the newest ticket (T0 + 40 days)
        cls.current = (datetime(2026, 10, 12), datetime(2026, 11, 11))
        Recurrence = type(cls.env["crossborder.recurrence"])
        # the products' own history: 3 problems in August, classified long ago
        with patch.object(Recurrence, "_detect_for", lambda self, tickets: self.browse()):
            for product in (cls.busy, cls.rare):
                for day in (-42, -38, -34):
                    cls._ticket(
                        created=T0 + timedelta(days=day),
                        product_id=product.id,
                        root_cause_id=cls.c_late.id,
                    )

    def _shipments(self, company, keys, periods):
        """30,000 shipped lines per window; the rare product only 30 in the current one."""
        result = {}
        for key in keys:
            rare = dict(key).get("product") == self.rare.id
            result[key] = [30 if rare and period == self.current else 30000 for period in periods]
        return result

    def _late(self, product, day):
        ticket = self._ticket(created=T0 + timedelta(days=day), product_id=product.id)
        ticket.root_cause_id = self.c_late
        return ticket

    def _recurrence(self, product):
        return self.env["crossborder.recurrence"].search(
            [("product_id", "=", product.id), ("root_cause_id", "=", self.c_late.id)]
        )

    def test_three_in_thirty_shipments_flag_three_in_thirty_thousand_do_not(self):
        Recurrence = type(self.env["crossborder.recurrence"])
        with patch.object(Recurrence, "_cbo_recurrence_opportunities", self._shipments):
            for product in (self.busy, self.rare):
                for day in (30, 35):
                    self._late(product, day)
                self.assertFalse(self._recurrence(product), "below the fixed count")
                self._late(product, 40)
        self.assertFalse(self._recurrence(self.busy), "3 in 30,000 is the usual rate")
        recurrence = self._recurrence(self.rare)
        self.assertEqual(recurrence.ticket_count, 3, "the tickets of the current window")
        self.assertEqual(recurrence.shipment_count, 30)
        # usual: 3 in 60,000 = 0.05 per 1,000; limit 0.05 + 3 * sqrt(0.00005 / 30) per line
        self.assertEqual((recurrence.rate, recurrence.usual_rate), (100.0, 0.05))
        self.assertAlmostEqual(recurrence.upper_limit, 3.92, places=2)
        self.assertIn("100.00 per 1,000", recurrence.message_ids[:1].body)

    def test_without_shipments_the_fixed_count_decides(self):
        for day in (30, 35, 40):
            self._late(self.busy, day)
        self.assertEqual(self._recurrence(self.busy).ticket_count, 3)
        self.assertFalse(self._recurrence(self.busy).shipment_count)
