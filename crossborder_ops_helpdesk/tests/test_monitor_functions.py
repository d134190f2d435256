# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.tests import BaseCase, tagged
from odoo.tools import html2plaintext

from ..monitor.digest import Problem, build_digest
from ..monitor.effectiveness import verdict
from ..monitor.recurrence import Occurrence, detect
from ..monitor.response import has_words, visible_html
from ..monitor.sizes import convert, sentence

T0 = datetime(2026, 11, 1)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestMonitorFunctions(BaseCase):
    def test_digest_counts_and_trend(self):
        now = [
            Problem(1, 10, "warehousing", 100, 7),
            Problem(2, 10, "warehousing", 100, 8),
            Problem(3, 10, "warehousing", 101, 7),
            Problem(4, 20, "logistics", None, 7),
        ]
        before = [Problem(5, 10, "warehousing"), Problem(6, 30, "packaging")]
        digest = build_digest(now, before)
        self.assertEqual((digest.total, digest.previous_total, digest.trend), (4, 2, 100.0))
        lines = [(line.cause_id, line.count, line.previous, line.trend) for line in digest.lines]
        self.assertEqual(lines, [(10, 3, 1, 200.0), (20, 1, 0, None), (30, 0, 1, -100.0)])
        self.assertEqual(digest.by_link["warehousing"], (3, 1))
        self.assertEqual(digest.top_products, [(100, 2), (101, 1)])
        self.assertEqual(digest.top_countries, [(7, 3), (8, 1)])
        self.assertEqual(digest.examples, [1, 2, 4])

    def test_recurrence_threshold_and_window(self):
        def occ(i, day):
            return Occurrence(i, 10, T0 + timedelta(days=day), product_id=100)

        self.assertEqual(
            detect([occ(1, 0), occ(2, 10), occ(3, 29)], 3, 30), {(10, "product", 100): [1, 2, 3]}
        )
        self.assertEqual(detect([occ(1, 0), occ(2, 10)], 3, 30), {}, "N-1")
        self.assertEqual(detect([occ(1, 0), occ(2, 10), occ(3, 30)], 3, 30), {}, "outside W")
        with self.assertRaises(ValueError):
            detect([], 1, 30)

    def test_effectiveness(self):
        self.assertEqual(verdict(8, 2, 28), ("effective", 2.0, 0.5))
        self.assertEqual(verdict(8, 6, 28), ("not_effective", 2.0, 1.5))
        self.assertEqual(verdict(8, 4, 28), ("effective", 2.0, 1.0), "exactly 50 % less")

    def test_what_says_something(self):
        for text in ("", ".", "...", "----", "https://track.example/1", "www.x.example", "² ①"):
            with self.subTest(text=text):
                self.assertFalse(has_words(text))
        for text in ("Yes", "3", "见附件", "See https://track.example/1", "Tamam."):
            with self.subTest(text=text):
                self.assertTrue(has_words(text))

    def test_what_the_reader_sees(self):
        hidden = (
            '<p style="display:none">Hello Jane</p>',
            '<span style="font-size: 0px">Hello</span>',
            '<span style="font-size:0 !important">Hello</span>',
            '<span style="opacity:0">Hello</span>',
            '<span style="opacity: 0% !important">Hello</span>',
            "<div hidden>Hello</div>",
        )
        for body in hidden:
            with self.subTest(body=body):
                self.assertFalse(has_words(html2plaintext(visible_html(f"{body}<p>.</p>"))))
        for shown in (
            '<p style="color:#333; font-size:14px">Hello</p>',
            # an e-mail layout's container of no size, its text sized again
            '<div style="font-size:0"><span style="font-size:14px">Hello</span></div>',
            # white on a coloured button is read (audit 65)
            '<a style="background:#714B67; color:#ffffff">Track your parcel</a>',
        ):
            with self.subTest(shown=shown):
                self.assertTrue(has_words(html2plaintext(visible_html(shown))))
        self.assertIn("after", visible_html("<p><span hidden>x</span>after</p>"))

    def test_size_conversion(self):
        rows = [{"label": "M", "us": "M", "uk": "38", "eu": "48", "cn": "170/88A", "jp": "L"}]
        row = convert(rows, "cn", "170/88a")
        self.assertEqual(
            sentence(row, "cn", "170/88A"), "CN 170/88A (M) = US M, UK 38, EU 48, JP L"
        )
        self.assertIsNone(convert(rows, "us", "XL"))
