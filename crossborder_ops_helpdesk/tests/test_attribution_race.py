# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The department's answer for a ticket's cause, raced for real on two database
connections against the agent's reclassification and another manager's answer:
a dispute of the cause the manager read landed on the cause the agent set
meanwhile (a dispute nobody made, counted against the agent's new
classification, and a to-do to review it)."""

import uuid

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.crossborder_ops.tests.concurrency import RaceCase


@tagged("post_install", "-at_install", "crossborder_ops")
class TestAttributionRace(RaceCase):
    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            agent = new_test_user(
                env,
                login=f"race_agent_{tag}",
                name=f"Ada {tag}",
                groups="helpdesk_mgmt.group_helpdesk_user",
            )
            dept_manager = new_test_user(
                env,
                login=f"race_dept_{tag}",
                name=f"Walt {tag}",
                groups="crossborder_ops_helpdesk.group_cs_department",
            )
            cs_manager = new_test_user(
                env,
                login=f"race_csm_{tag}",
                name=f"Cleo {tag}",
                groups="helpdesk_mgmt.group_helpdesk_manager",
            )
            employee = env["hr.employee"].create(
                {"name": f"Walt {tag}", "user_id": dept_manager.id}
            )
            department = env["hr.department"].create(
                {"name": f"Warehouse {tag}", "manager_id": employee.id}
            )
            Cause = env["crossborder.root.cause"]
            parent = Cause.create(
                {
                    "name": f"Warehousing {tag}",
                    "link": "warehousing",
                    "department_id": department.id,
                }
            )
            wrong_item = Cause.create({"name": "Wrong item picked", "parent_id": parent.id})
            missing = Cause.create({"name": "Item missing", "parent_id": parent.id})
            team = env["helpdesk.ticket.team"].create(
                {"name": f"Race CS {tag}", "user_ids": [(6, 0, (agent | cs_manager).ids)]}
            )
            ticket = (
                env["helpdesk.ticket"]
                .with_user(agent)
                .create(
                    {
                        "name": "Not what I ordered",
                        "description": "<p>A blue one came, I ordered red.</p>",
                        "team_id": team.id,
                        "user_id": agent.id,
                        "root_cause_id": wrong_item.id,
                    }
                )
            )
            self.ids = {
                "users": (agent | dept_manager | cs_manager).ids,
                "agent": agent.id,
                "dept_manager": dept_manager.id,
                "cs_manager": cs_manager.id,
                "employee": employee.id,
                "department": department.id,
                "causes": (missing | wrong_item | parent).ids,
                "wrong_item": wrong_item.id,
                "missing": missing.id,
                "team": team.id,
                "ticket": ticket.id,
            }
        self.addCleanup(self._delete_fixtures)

    def _delete_fixtures(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["crossborder.root.cause"].browse(self.ids["causes"]).unlink()
            env["hr.department"].browse(self.ids["department"]).unlink()
            env["hr.employee"].browse(self.ids["employee"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()

    def _open_wizard(self, user, answer, note=False):
        """A manager opens 'Confirm or dispute the cause' on the ticket (committed:
        he reads the cause before the race)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.ids[user], {})
            action = (
                env["helpdesk.ticket"].browse(self.ids["ticket"]).action_open_attribution_wizard()
            )
            wizard = (
                env["crossborder.attribution.wizard"]
                .with_context(**action["context"])
                .create({"answer": answer, "note": note})
            )
            return wizard.id

    def _apply(self, wizard_id, user):
        def call(env):
            env(user=self.ids[user])["crossborder.attribution.wizard"].browse(
                wizard_id
            ).action_apply()

        return call

    def _reclassify(self, env):
        """The agent sets another cause of the same department (its form, saved)."""
        env(user=self.ids["agent"])["helpdesk.ticket"].browse(self.ids["ticket"]).write(
            {"root_cause_id": self.ids["missing"]}
        )

    def _state(self):
        env = self._committed_env()
        ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
        todo = env.ref("mail.mail_activity_data_todo")
        # open to-dos only (a done one is kept, archived)
        review = ticket.activity_ids.filtered(
            lambda a: a.active
            and a.activity_type_id == todo
            and a.summary in ticket._classify_summaries()
        )
        return ticket, review

    def test_dispute_while_the_agent_reclassifies_is_refused(self):
        wizard_id = self._open_wizard("dept_manager", "dispute", "We never stock that colour")
        outcome = self._race(self._reclassify, self._apply(wizard_id, "dept_manager"))
        ticket, review = self._state()
        self.assertEqual(ticket.root_cause_id.id, self.ids["missing"])
        self.assertEqual(
            ticket.attribution_state, "pending", "the department has not read the new cause"
        )
        self.assertFalse(ticket.attribution_disputed, "nobody disputed the new cause")
        self.assertFalse(ticket.attribution_disputed_user_ids)
        self.assertFalse(review, "no classification to review")
        self.assertIsInstance(outcome["error"], UserError)
        self.assertIn("changed", str(outcome["error"]))
        self.assertTrue(outcome["blocked"], "the answer waited for the reclassification")

    def test_confirm_while_the_agent_reclassifies_is_refused(self):
        wizard_id = self._open_wizard("dept_manager", "confirm")
        outcome = self._race(self._reclassify, self._apply(wizard_id, "dept_manager"))
        ticket, _review = self._state()
        self.assertEqual(ticket.root_cause_id.id, self.ids["missing"])
        self.assertEqual(ticket.attribution_state, "pending", "nobody confirmed the new cause")
        self.assertIsInstance(outcome["error"], UserError)
        self.assertTrue(outcome["blocked"], "the answer waited for the reclassification")

    def test_reclassified_while_disputed_closes_the_review(self):
        wizard_id = self._open_wizard("dept_manager", "dispute", "We never stock that colour")
        outcome = self._race(self._apply(wizard_id, "dept_manager"), self._reclassify)
        self.assertIsNone(outcome["error"])
        self.assertTrue(outcome["blocked"], "the reclassification waited for the answer")
        ticket, review = self._state()
        self.assertEqual(ticket.root_cause_id.id, self.ids["missing"])
        self.assertEqual(ticket.attribution_state, "pending", "the new cause is asked again")
        self.assertTrue(ticket.attribution_disputed, "the first cause was disputed, for good")
        self.assertFalse(review, "the review to-do closed with the new cause")

    def test_two_answers_at_once_one_after_the_other(self):
        """The department's manager answers from two windows at once (a helpdesk
        manager no longer answers for a department that has one)."""
        dispute = self._open_wizard("dept_manager", "dispute", "Packed by the supplier")
        confirm = self._open_wizard("dept_manager", "confirm")
        outcome = self._race(
            self._apply(dispute, "dept_manager"), self._apply(confirm, "dept_manager")
        )
        self.assertIsNone(outcome["error"])
        self.assertTrue(outcome["blocked"], "the second answer waited for the first")
        ticket, review = self._state()
        self.assertEqual(ticket.attribution_state, "confirmed")
        self.assertEqual(ticket.attribution_user_id.id, self.ids["dept_manager"])
        self.assertFalse(review, "the confirmation closed the review the dispute asked for")
