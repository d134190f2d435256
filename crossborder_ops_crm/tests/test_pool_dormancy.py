# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import BaseCase, tagged
from odoo.tests.common import HttpCase

from ..planners.dormancy import Customer, dormant, revivals_won
from .common import NOW, PoolCase, PoolRpc, RpcRefused


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestDormancyPlanner(BaseCase):
    def test_boundary_day_worked_and_already_revived(self):
        bought = NOW - timedelta(days=90, hours=-3)  # 90 calendar days ago, later in the day
        customers = [Customer(1, bought), Customer(2, bought, worked=True), Customer(3, bought)]
        self.assertEqual(dormant(customers, NOW - timedelta(days=1), 90, set()), [])
        self.assertEqual([c.partner_id for c in dormant(customers, NOW, 90, set())], [1, 3])
        self.assertEqual([c.partner_id for c in dormant(customers, NOW, 90, {(3, bought)})], [1])
        self.assertEqual(dormant(customers, NOW, 0, set()), [], "0 days: no revival")
        self.assertEqual(
            revivals_won([(10, 1, bought), (11, 3, bought)], {1: NOW, 3: bought}), [(10, NOW)]
        )


class DormancyCase(PoolCase):
    """A customer of the EU pool (dormancy 90 days) who last bought 90 days ago."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool_eu.dormancy_days = 90
        cls.customer = cls.env["res.partner"].create(
            {"name": "Kunde GmbH", "is_company": True, "country_id": cls.de.id}
        )
        cls.bought_on = NOW - timedelta(days=90)
        cls.sale = cls._won(cls.customer, cls.bought_on, 4800.0, "First order")
        cls.sale.with_user(cls.veteran).message_post(
            body="Prefers calls on Tuesdays", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    @classmethod
    def _won(cls, partner, when, amount, name):
        lead = cls._lead(name, user=cls.veteran, partner_id=partner.id, expected_revenue=amount)
        return cls._closed_won(lead, when)

    @classmethod
    def _closed_won(cls, lead, when):
        lead = lead.sudo()
        lead.action_set_won()
        lead.flush_recordset()
        cls.env.cr.execute(
            "UPDATE crm_lead SET date_closed = %s, pool_first_won = %s WHERE id = %s",
            [when, when, lead.id],
        )
        lead.invalidate_recordset()
        return lead

    def _revivals(self):
        return self.env["crm.lead"].search(
            [("partner_id", "=", self.customer.id), ("revival_last_purchase", "!=", False)]
        )

    def _scan(self, when):
        return self.env["crossborder.pool.dormancy"]._scan(self.pool_eu, now=when)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestDormantCustomers(DormancyCase):
    def test_one_revival_lead_at_the_boundary_day_none_the_day_before(self):
        self.assertEqual(self._scan(NOW - timedelta(days=1)), (0, 0, 0))
        self.assertFalse(self._revivals())
        self.assertEqual(self._scan(NOW), (1, 0, 0))
        revival = self._revivals()
        self.assertEqual(len(revival), 1)
        self.assertEqual(revival.pool_id, self.pool_eu)
        self.assertEqual(revival.pool_state, "pool")
        self.assertFalse(revival.user_id)
        self.assertEqual(revival.revival_last_purchase, self.bought_on)
        self.assertEqual(revival.reserved_until, NOW + timedelta(days=2), "new salespeople first")
        self.assertEqual(revival.expected_revenue, 4800.0)
        self.assertIn("Last purchase", revival.description)
        self.assertIn("4,800.00", revival.description)
        self.assertIn("Prefers calls on Tuesdays", revival.description)
        self.assertIn("Vera Veteran", revival.description)
        event = self._events(revival, "revival")
        self.assertIn("No purchase for 90 days", event.rule_text)
        # the next runs open nothing more
        self.assertEqual(self._scan(NOW), (0, 0, 0))
        self.assertEqual(self._scan(NOW + timedelta(days=30)), (0, 0, 0))
        self.assertEqual(len(self._revivals()), 1)

    def test_a_customer_someone_works_is_not_dormant(self):
        self._lead("Talks going on", user=self.veteran, partner_id=self.customer.id)
        self.assertEqual(self._scan(NOW), (0, 0, 0))

    def test_rotation_hands_the_revival_out_and_the_reviver_wins_it(self):
        self._scan(NOW)
        revival = self._revivals()
        self.pool_eu._rotate_batch()
        self.assertIn(revival.user_id, self.new_a | self.new_b, "the new tier revives him")
        reviver = revival.user_id
        self._closed_won(revival, NOW + timedelta(days=10))
        # once he bought again, he is not dormant until 90 days after that purchase
        self.assertEqual(self._scan(NOW + timedelta(days=99)), (0, 0, 0))
        self.assertEqual(self._scan(NOW + timedelta(days=100))[0], 1)
        self.assertEqual(revival.user_id, reviver)

    def test_a_customer_whose_lead_waits_in_the_pool_gets_no_revival(self):
        """His next order waited in the pool, free for anyone: a revival beside
        it, reserved to new salespeople, left a veteran to claim the other
        (outside audit 58, F2)."""
        self._lead("Second order", partner_id=self.customer.id, expected_revenue=1250.0)
        self.assertEqual(self._scan(NOW), (0, 0, 0))
        self.assertFalse(self._revivals())

    def test_only_managers_scan_by_hand(self):
        with self.assertRaises(AccessError):
            self.pool_eu.with_user(self.new_a).action_scan_dormant()
        result = self.pool_eu.with_user(self.manager).action_scan_dormant()
        self.assertIn("1 revival leads opened", result["params"]["message"])


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestDormantCustomersOverRpc(PoolRpc, DormancyCase, HttpCase):
    def test_a_salespersons_own_win_does_not_close_a_revival(self):
        """Vera (veteran) made a lead for a sleeping customer and won it for one
        euro: the scan closed his revival, reserved to new salespeople, as won
        by nobody and worth 1.00, and she kept the customer without a claim."""
        self.assertEqual(self._scan(NOW), (1, 0, 0))
        revival = self._revivals()
        self.authenticate("cbo_vet", "cbo_vet")
        quick = self.rpc(
            "crm.lead",
            "create",
            {
                "name": "Quick win",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "team_id": self.team.id,
                "expected_revenue": 1,
            },
        )
        self.rpc("crm.lead", "action_set_won", [quick])
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 0, 0), "no revival won")
        revival.invalidate_recordset()
        self.assertEqual(revival.won_status, "pending")
        self.assertFalse(revival.user_id)
        self.assertEqual(revival.reserved_until, NOW + timedelta(days=2), "new salespeople first")
        self.assertEqual(revival.expected_revenue, 4800.0, "worth his last real purchase")

    def test_an_older_lead_given_the_customer_does_not_close_his_revival(self):
        """Vera gave one of her older leads (another customer's) the sleeping
        customer and won it for one euro: the lead was older than the revival,
        the customer new to it."""
        other = self.env["res.partner"].create({"name": "Warsaw office supplies"})
        older = self._lead("Older lead", user=self.veteran, partner_id=other.id)
        self.assertEqual(self._scan(NOW), (1, 0, 0))
        revival = self._revivals()
        self.authenticate("cbo_vet", "cbo_vet")
        self.rpc(
            "crm.lead",
            "write",
            [older.id],
            {"partner_id": self.customer.id, "expected_revenue": 1},
        )
        self.rpc("crm.lead", "action_set_won", [older.id])
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 0, 0), "no revival won")
        revival.invalidate_recordset()
        self.assertEqual(revival.won_status, "pending")

    def test_his_old_win_won_again_is_no_new_purchase(self):
        """Vera reopened the sleeping customer's old won lead and won it again:
        the scan read a purchase of today, closed his revival and kept him from
        ever going to sleep. A lead counts when it was first won."""
        self.assertEqual(self._scan(NOW), (1, 0, 0))
        revival = self._revivals()
        self.authenticate("cbo_vet", "cbo_vet")
        open_stage = self.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        self.rpc("crm.lead", "write", [self.sale.id], {"stage_id": open_stage.id})
        self.rpc("crm.lead", "action_set_won", [self.sale.id])
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 0, 0), "no revival won")
        revival.invalidate_recordset()
        self.assertEqual(revival.won_status, "pending")

    def test_a_revival_merged_away_or_deleted_is_not_opened_again(self):
        """A manager merged the revival into the customer's new lead, the new
        lead kept: the next scan opened a second revival of the same purchase,
        reserved to new salespeople again (outside audit 58, F1)."""
        Lead = self.env["crm.lead"]
        for way in ("merge", "unlink"):
            with self.subTest(way=way):
                customer = self.env["res.partner"].create(
                    {"name": f"Kunde {way}", "is_company": True, "country_id": self.de.id}
                )
                self._won(customer, self.bought_on, 900.0, f"First order ({way})")

                def revivals(customer=customer):
                    return Lead.search(
                        [("partner_id", "=", customer.id), ("revival_last_purchase", "!=", False)]
                    )

                self._scan(NOW)
                revival = revivals()
                self.assertEqual(len(revival), 1)
                self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
                if way == "merge":
                    later = self.env["crm.stage"].search(
                        [("is_won", "=", False)], order="sequence desc", limit=1
                    )
                    inbound = self._lead(  # further on: the lead crm keeps
                        "Inbound request", partner_id=customer.id, stage_id=later.id
                    )
                    wizard = self.rpc(
                        "crm.merge.opportunity",
                        "create",
                        {"opportunity_ids": [(6, 0, [inbound.id, revival.id])], "user_id": False},
                    )
                    self.rpc("crm.merge.opportunity", "action_merge", [wizard])
                    self.assertFalse(revival.exists(), "the revival went into the inbound lead")
                    inbound.action_set_lost()  # and nobody works him any more
                else:  # by a sales administrator: pool managers delete no leads
                    self.authenticate("admin", "admin")
                    self.rpc("crm.lead", "unlink", revival.ids)
                self._scan(NOW + timedelta(days=1))
                self.assertFalse(revivals(), "his purchase was revived once")
                # his next purchase, once slept on, is revived again
                self._won(customer, NOW + timedelta(days=2), 100.0, f"Next order ({way})")
                self._scan(NOW + timedelta(days=92))
                self.assertEqual(len(revivals()), 1)

    def test_a_contact_moved_under_the_customer_does_not_close_his_revival(self):
        """Vera put the contact of her own lead under the sleeping customer and
        won it for nothing: the scan closed his revival, reserved to new
        salespeople, as won by nobody (outside audit 58, F4)."""
        hans = self.env["res.partner"].create({"name": "Hans Person"})
        own = self._lead("Hans deal", user=self.veteran, partner_id=hans.id)
        self.assertEqual(self._scan(NOW), (1, 0, 0))
        revival = self._revivals()
        self.authenticate("cbo_vet", "cbo_vet")
        self.rpc("res.partner", "write", hans.ids, {"parent_id": self.customer.id})
        self.rpc("crm.lead", "action_set_won", own.ids)
        self.assertEqual(self._scan(NOW + timedelta(days=1)), (0, 0, 0), "no revival won")
        revival.invalidate_recordset()
        self.assertEqual(revival.won_status, "pending")
        self.assertEqual(revival.reserved_until, NOW + timedelta(days=2), "new salespeople first")

    def test_a_lost_lead_stays_lost_until_it_is_restored(self):
        """Nadia marked her lead lost, then wrote its probability: it became
        archived and undecided, its closing date gone, and the loss left her
        results (outside audit 58, F3)."""
        lead = self._lead("Munich retailer", user=self.new_a, partner_id=self.customer.id)
        self.authenticate("cbo_new_a", "cbo_new_a")
        self.rpc("crm.lead", "action_set_lost", lead.ids)
        closed = lead.date_closed
        open_stage = self.env["crm.stage"].search([("is_won", "=", False)], limit=1)
        for values in ({"probability": 30}, {"stage_id": open_stage.id}):
            with self.subTest(values=values):
                with self.assertRaisesRegex(RpcRefused, "was marked lost: restore it"):
                    self.rpc("crm.lead", "write", lead.ids, values)
                lead.invalidate_recordset()
                self.assertEqual(lead.won_status, "lost")
                self.assertEqual(lead.date_closed, closed)
        # restored, it is open again and hers to work
        self.rpc("crm.lead", "action_restore", lead.ids)
        self.rpc("crm.lead", "write", lead.ids, {"probability": 30})
        lead.invalidate_recordset()
        self.assertTrue(lead.active)
        self.assertEqual(lead.probability, 30)
