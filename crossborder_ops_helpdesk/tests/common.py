# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import datetime
from pathlib import Path
from unittest.mock import patch

from odoo.tests import new_test_user
from odoo.tests.common import HttpCase, TransactionCase

from odoo.addons.crossborder_ops.tests.common import FailsWith, JsonRpc, TourOnALoadedMachine


def load_migration(version, script="post-migration.py"):
    """The addon's migration script of ``version``, as a module (its ``migrate``)."""
    path = Path(__file__).parents[1] / "migrations" / version / script
    spec = importlib.util.spec_from_file_location(f"cbo_migration_{version}_{script}", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


NOW = datetime(2026, 11, 2, 10, 0, 0)  # a Monday


def weekly_digest_of_own_tickets(env):
    """Only the test's own tickets count in the digests: earlier ones (demo data,
    other tests') move to 2000, out of every period; the period is a week."""
    env.flush_all()
    env.cr.execute(
        "UPDATE helpdesk_ticket SET create_date = '2000-01-01', classified_date = "
        "CASE WHEN classified_date IS NOT NULL THEN '2000-01-01'::timestamp END"
    )
    env["helpdesk.ticket"].invalidate_model(["create_date", "classified_date"])
    env["ir.config_parameter"].set_param("crossborder_ops_helpdesk.feedback_period_days", 7)


class MonitorData(FailsWith):
    """Departments, causes, a team and its people: the data every test starts from
    (mixed into a TransactionCase or an HttpCase)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # --- numbers (begin) ---
        # the customer-service addon's own rules: no shipments known, even in a
        # database where the sales addon counts them (its tests cover that)
        cls.startClassPatcher(
            patch.object(
                type(env["crossborder.recurrence"]),
                "_cbo_recurrence_opportunities",
                lambda self, company, keys, periods: None,
            )
        )
        # --- numbers (end) ---
        cls.agent = new_test_user(
            env, login="cbo_agent", name="Ada Agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.cs_manager = new_test_user(
            env,
            login="cbo_cs_manager",
            name="Cleo Manager",
            groups="helpdesk_mgmt.group_helpdesk_manager",
        )
        cls.wh_manager_user = new_test_user(
            env,
            login="cbo_wh_mgr",
            name="Walt Warehouse",
            groups="crossborder_ops_helpdesk.group_cs_department",
        )
        cls.log_manager_user = new_test_user(
            env,
            login="cbo_log_mgr",
            name="Lou Logistics",
            groups="crossborder_ops_helpdesk.group_cs_department",
        )
        Employee = env["hr.employee"]
        cls.warehouse = env["hr.department"].create(
            {
                "name": "T-Warehouse",
                "manager_id": Employee.create(
                    {"name": "Walt", "user_id": cls.wh_manager_user.id}
                ).id,
            }
        )
        cls.logistics = env["hr.department"].create(
            {
                "name": "T-Logistics",
                "manager_id": Employee.create(
                    {"name": "Lou", "user_id": cls.log_manager_user.id}
                ).id,
            }
        )
        Cause = env["crossborder.root.cause"]
        cls.c_wh = Cause.create(
            {"name": "T-Warehousing", "link": "warehousing", "department_id": cls.warehouse.id}
        )
        cls.c_wrong_item = Cause.create({"name": "Wrong item picked", "parent_id": cls.c_wh.id})
        cls.c_missing = Cause.create({"name": "Item missing", "parent_id": cls.c_wh.id})
        cls.c_log = Cause.create(
            {"name": "T-Logistics", "link": "logistics", "department_id": cls.logistics.id}
        )
        cls.c_late = Cause.create({"name": "Late delivery", "parent_id": cls.c_log.id})
        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "Cross-border CS",
                "user_ids": [(6, 0, (cls.agent | cls.cs_manager).ids)],
                "after_sales_user_ids": [(6, 0, cls.agent.ids)],
                "require_root_cause": True,
            }
        )
        cls.cat_after = env["helpdesk.ticket.category"].create(
            {"name": "T-Broken product", "cs_stage": "after_sales", "inquiry_type": "product"}
        )
        cls.cat_pre = env["helpdesk.ticket.category"].create(
            {"name": "T-Shipping question", "cs_stage": "pre_sales", "inquiry_type": "service"}
        )
        cls.stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.de = env.ref("base.de")
        cls.fr = env.ref("base.fr")
        cls.product = env["product.product"].create({"name": "Travel adapter"})
        cls.product_b = env["product.product"].create({"name": "Silk scarf"})

    @classmethod
    def _ticket(cls, name="Problem", created=None, **values):
        vals = {"name": name, "description": "<p>help</p>", "team_id": cls.team.id}
        vals.update(values)
        ticket = cls.env["helpdesk.ticket"].create(vals)
        if created:
            ticket.flush_recordset()
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s", (created, ticket.id)
            )
            # a ticket created with its cause was classified when it was opened
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET classified_date = %s "
                "WHERE id = %s AND classified_date IS NOT NULL",
                (created, ticket.id),
            )
            ticket.invalidate_recordset(["create_date", "classified_date"])
        return ticket


class MonitorCase(MonitorData, TransactionCase):
    pass


class MonitorHttpCase(TourOnALoadedMachine, JsonRpc, MonitorData, HttpCase):
    pass


def causes_of(tickets):
    """What a department's Confirm or Dispute window sends with its answer: what it
    showed, {ticket id: [cause id, ...]} (ids as JSON sends them)."""
    return {str(ticket.id): ticket._attribution_answered_for() for ticket in tickets.sudo()}
