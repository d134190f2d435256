# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A pool belongs to one company, and so do the leads in it: crm leaves a lead
without company while nobody holds it and its team has none, which showed a
company's waiting leads, their moves and report lines to every other
company. Played over JSON-RPC as the web client calls; the scheduled actions'
bulk path is compared with the ORM in test_pool_end_state."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from .common import EMAIL, NOW, SALESMAN, PoolCase, PoolRpc


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestPoolCompanies(PoolRpc, PoolCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.pool_eu.company_id
        cls.other_company = cls.env["res.company"].create({"name": "Crossborder US Co"})
        # a sales manager and pool manager of the other company only
        cls.sm2 = new_test_user(
            cls.env,
            login="cbo_sm2",
            groups="sales_team.group_sale_manager,crossborder_ops_crm.group_pool_manager",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )
        cls.waiting = cls._waiting_customer_lead()
        # claimed and given back: a line of the pool lead report
        cls.waiting.with_user(cls.new_a).action_claim()
        cls.waiting.with_user(cls.new_a)._release_to_pool("no_capacity")
        # kept back by a rotation run that measures what rotation brings
        run = (
            cls.env["crossborder.rotation.run"]
            .sudo()
            .create({"pool_id": cls.pool_eu.id, "date": fields.Datetime.now()})
        )
        run.holdback_seed = "2026"
        cls.env["crossborder.pool.event"].sudo().create(
            {
                "lead_id": cls.waiting.id,
                "pool_id": cls.pool_eu.id,
                "kind": "hold_back",
                "run_id": run.id,
                "rule": "Kept back",
            }
        )

    def test_rotation_hands_a_pool_lead_only_to_its_companys_salespeople(self):
        """A sales team shared by two companies: the rotation handed a company's
        pool lead to a salesperson of the other company only, who could not even
        open it (and it went back to the pool, idle, weeks later)."""
        self.team.company_id = False
        us_rep = new_test_user(
            self.env,
            login="cbo_us_rep",
            name="Uma US",
            groups=SALESMAN,
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        self.env["crm.team.member"].create(
            {
                "crm_team_id": self.team.id,
                "user_id": us_rep.id,
                "joined_date": (NOW - timedelta(days=10)).date(),
            }
        )
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"sleeping {i}",
                    "team_id": self.team.id,
                    "country_id": self.de.id,
                    "user_id": False,
                }
                for i in range(6)
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(  # sleeping for 40 days
            "UPDATE crm_lead SET create_date = %s WHERE id = ANY(%s)",
            [NOW - timedelta(days=40), leads.ids],
        )
        leads.invalidate_recordset()
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crossborder.lead.pool", "action_rotate_now", self.pool_eu.ids)
        leads.invalidate_recordset()
        self.assertEqual(leads.pool_id, self.pool_eu)
        self.assertFalse(leads.filtered(lambda lead: lead.user_id == us_rep), "not his company")
        self.assertEqual(leads.user_id, self.new_a | self.new_b, "all handed out in company 1")

    def test_other_company_sees_no_waiting_lead_nor_its_moves(self):
        self.authenticate("cbo_sm2", "cbo_sm2")
        self.assertFalse(self.rpc("crossborder.lead.pool", "search_read", [], ["name"]))
        leads = self.rpc(
            "crm.lead", "search_read", [("pool_id", "!=", False)], ["email_from", "pool_id"]
        )
        self.assertNotIn(self.waiting.id, [lead["id"] for lead in leads])
        self.assertNotIn(EMAIL, [lead["email_from"] for lead in leads])
        self.assertFalse(
            self.rpc(
                "crossborder.pool.event",
                "search_read",
                [("lead_id", "=", self.waiting.id)],
                ["kind"],
            )
        )
        for model, groupby in (
            ("crossborder.rotation.lift.report", ["pool_id", "arm"]),
            ("crossborder.pool.lead.report", ["pool_id"]),
        ):
            with self.subTest(report=model):
                groups = self.rpc(model, "formatted_read_group", [], groupby, ["lead_count:sum"])
                self.assertNotIn(
                    self.pool_eu.id, [group["pool_id"] and group["pool_id"][0] for group in groups]
                )
        self.assertEqual(self.waiting.company_id, self.company, "the pool's company")

    def test_another_companys_salespeople_read_no_counters_of_a_shared_team(self):
        """A sales team without company is seen from every company of the group: its
        members' held leads, claims and caps are for their colleagues (outside
        audit 47, A5)."""
        self.team.company_id = False
        self._lead("Held", user=self.veteran)
        fields_ = ["pool_cap_display", "pool_claim_display", "pool_held_count"]
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        [row] = self.rpc("crm.team.member", "read", self.m_vet.ids, fields_)
        self.assertEqual((row["pool_cap_display"], row["pool_held_count"]), ("1 / 3", 1))
        self.authenticate("cbo_sm2", "cbo_sm2")
        [row] = self.rpc("crm.team.member", "read", self.m_vet.ids, fields_)
        self.assertEqual(
            (row["pool_cap_display"], row["pool_claim_display"], row["pool_held_count"]),
            (False, False, 0),
        )

    def test_moves_of_a_deleted_lead_stay_in_its_company(self):
        """A deleted lead's moves stay in the audit (and in the caps): in its
        pool's company, not shown to every other company."""
        waiting_id = self.waiting.id
        self.waiting.unlink()
        self.authenticate("cbo_sm2", "cbo_sm2")
        domain = [("lead_id", "=", False), ("former_lead_number", "=", waiting_id)]
        self.assertFalse(self.rpc("crossborder.pool.event", "search_read", domain, ["kind"]))
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        lines = self.rpc("crossborder.pool.event", "search_read", domain, ["kind", "company_id"])
        self.assertEqual(sorted(line["kind"] for line in lines), ["claim", "hold_back", "release"])
        self.assertEqual({line["company_id"][0] for line in lines}, {self.company.id})

    def test_own_company_still_works_the_pool(self):
        self.authenticate("cbo_new_a", "cbo_new_a")
        (lead,) = self.rpc("crm.lead", "search_read", [("id", "=", self.waiting.id)], ["pool_id"])
        self.assertEqual(lead["pool_id"][0], self.pool_eu.id)
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        groups = self.rpc(
            "crossborder.rotation.lift.report",
            "formatted_read_group",
            [("pool_id", "=", self.pool_eu.id)],
            ["arm"],
            ["lead_count:sum"],
        )
        self.assertEqual([(g["arm"], g["lead_count:sum"]) for g in groups], [("held_back", 1)])

    def test_every_way_into_a_pool_takes_its_company(self):
        self.authenticate("cbo_new_a", "cbo_new_a")
        Lead = self.env["crm.lead"]
        # created for the pool, with or without an empty company
        for values in ({}, {"company_id": False}):
            with self.subTest(create=values):
                lead_id = self.rpc(
                    "crm.lead",
                    "create",
                    dict(
                        values,
                        name="New",
                        type="opportunity",
                        team_id=self.team.id,
                        country_id=self.fr.id,
                        user_id=False,
                    ),
                )
                self.env.invalidate_all()
                lead = Lead.browse(lead_id)
                self.assertEqual((lead.pool_id, lead.company_id), (self.pool_eu, self.company))
        # outside any pool (a country no pool covers), then into one by its country
        outside = self._lead("Tokyo", self.jp)
        self.assertFalse(outside.pool_id or outside.company_id, "crm leaves it to assignment")
        self.rpc("crm.lead", "write", [outside.id], {"country_id": self.us.id})
        self.env.invalidate_all()
        self.assertEqual((outside.pool_id, outside.company_id), (self.pool_na, self.company))
        # claimed, then given back by emptying the Salesperson field
        self.rpc("crm.lead", "action_claim", [outside.id])
        self.rpc("crm.lead", "write", [outside.id], {"user_id": False})
        self.env.invalidate_all()
        self.assertFalse(outside.user_id)
        self.assertEqual(outside.company_id, self.company, "back in the pool, in its company")
        # a manager emptying the company of a waiting lead
        self.authenticate("cbo_pool_mgr", "cbo_pool_mgr")
        self.rpc("crm.lead", "write", [outside.id], {"company_id": False})
        self.env.invalidate_all()
        self.assertEqual((outside.pool_id, outside.company_id), (self.pool_na, self.company))
        # a new pool takes in the leads of its team waiting without company
        team = self.env["crm.team"].create({"name": "Wholesale", "member_ids": False})
        stray = self._lead("Wholesale lead", self.de, team=team)
        self.assertFalse(stray.pool_id or stray.company_id)
        pool_id = self.rpc(
            "crossborder.lead.pool",
            "create",
            {"name": "Wholesale", "team_id": team.id, "holdback_percent": 0.0},
        )
        self.env.invalidate_all()
        self.assertEqual(stray.pool_id.id, pool_id)
        self.assertEqual(stray.company_id, self.company)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
class TestCustomerOfTwoCompanies(PoolRpc, PoolCase, HttpCase):
    """A customer who buys from both companies of a group: what a salesperson
    of one company learns, and what the other company's work keeps from it,
    is his own company's only (outside audit 47, A1, A2 and A4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Crossborder US Co"})
        cls.us_team = cls.env["crm.team"].create(
            {"name": "US B2B", "company_id": cls.other_company.id, "member_ids": False}
        )
        cls.us_rep = new_test_user(
            cls.env,
            login="cbo_us_rep",
            name="Uma US",
            groups=SALESMAN,
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )
        cls.env["crm.team.member"].create(
            {
                "crm_team_id": cls.us_team.id,
                "user_id": cls.us_rep.id,
                "joined_date": (NOW - timedelta(days=10)).date(),
            }
        )
        cls.us_pool = cls.env["crossborder.lead.pool"].create(
            {
                "name": "US pool",
                "team_id": cls.us_team.id,
                "company_id": cls.other_company.id,
                "dormancy_days": 90,
                "holdback_percent": 0.0,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Shared Buyer Inc", "is_company": True, "country_id": cls.us.id}
        )
        # the US company sold to him 100 days ago
        bought = cls.env["crm.lead"].create(
            {
                "name": "US order",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": cls.us_team.id,
                "company_id": cls.other_company.id,
                "user_id": False,
                "expected_revenue": 900.0,
            }
        )
        bought.action_set_won()
        bought.flush_recordset()
        cls.env.cr.execute(
            "UPDATE crm_lead SET date_closed = %s, pool_first_won = %s WHERE id = %s",
            [NOW - timedelta(days=100), NOW - timedelta(days=100), bought.id],
        )
        # Vera, in the EU company, works him right now and keeps her notes
        cls.eu_deal = cls._lead("EU talks", cls.de, user=cls.veteran, partner_id=cls.customer.id)
        cls.eu_deal.with_user(cls.veteran).message_post(
            body="Margin floor 12%, buyer's direct line",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls.env.invalidate_all()

    @freeze_time(NOW)
    def test_the_other_companys_work_is_not_the_salespersons_to_learn(self):
        self.assertNotEqual(self.eu_deal.company_id, self.other_company)
        # the other company's open lead does not keep him from sleeping here
        self.assertEqual(self.env["crossborder.pool.dormancy"]._scan(self.us_pool, NOW)[0], 1)
        revival = self.env["crm.lead"].search(
            [("partner_id", "=", self.customer.id), ("revival_last_purchase", "!=", False)]
        )
        self.assertEqual(revival.pool_id, self.us_pool)
        self.authenticate("cbo_us_rep", "cbo_us_rep")
        [read] = self.rpc("crm.lead", "read", revival.ids, ["description"])
        self.assertIn("900.00", read["description"], "his company's purchase")
        self.assertNotIn("Margin floor", read["description"], "the other company's notes")
        # claiming it names no lead or salesperson of the other company
        result = self.rpc("crm.lead", "action_claim", revival.ids)
        self.assertEqual(result["params"]["type"], "success", result["params"]["message"])
        messages = self.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "crm.lead"), ("res_id", "=", revival.id)],
            ["body"],
        )
        self.assertNotIn("Vera Veteran", str(messages))
        self.assertEqual(revival.user_id, self.us_rep)
