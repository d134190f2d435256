# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import (
    MonitorCase,
    MonitorHttpCase,
    causes_of,
    load_migration,
    weekly_digest_of_own_tickets,
)


class ReclassificationCase(MonitorHttpCase):
    """A department disputes, an agent reclassifies: what follows the new cause."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        weekly_digest_of_own_tickets(cls.env)
        param = cls.env["ir.config_parameter"].set_param
        param("crossborder_ops_helpdesk.recurrence_threshold", 3)
        param("crossborder_ops_helpdesk.recurrence_window_days", 30)
        cls.today = fields.Date.today()
        cls.now = fields.Datetime.now()

    @classmethod
    def _wrong_dresses(cls, **values):
        """Four tickets of the last eight days about a wrong dress picked: the
        warehouse's recurrence (threshold 3) opens with them."""
        cls.dresses = cls.env["helpdesk.ticket"]
        for day in (8, 6, 4, 2):
            cls.dresses |= cls._ticket(
                name=f"Wrong dress {day}",
                user_id=cls.agent.id,
                product_id=cls.product_b.id,
                created=cls.now - timedelta(days=day),
                **values,
            )
        cls.dresses.root_cause_id = cls.c_wrong_item
        cls.recurrence = cls.env["crossborder.recurrence"].search(
            [("root_cause_id", "=", cls.c_wrong_item.id), ("product_id", "=", cls.product_b.id)]
        )

    def _as(self, login, model, method, args, **kwargs):
        """What ``login`` gets calling ``method`` over JSON-RPC (errors fail the test)."""
        self.env.flush_all()
        self.authenticate(login, login)
        result, error = self._call_kw(model, method, args, **kwargs)
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        return result

    def _dispute(self, tickets, note="Not ours: the supplier sent it so"):
        department = tickets.responsible_department_id
        login = "cbo_wh_mgr" if department == self.warehouse else "cbo_log_mgr"
        for ticket in tickets:
            self._as(
                login,
                "helpdesk.ticket",
                "action_dispute_attribution",
                [ticket.ids],
                note=note,
                causes=causes_of(ticket),
            )

    def _reclassify(self, tickets, cause, login="cbo_agent"):
        self._as(login, "helpdesk.ticket", "write", [tickets.ids, {"root_cause_id": cause.id}])

    def _todos(self, login, record, summary):
        """The open to-dos of ``record`` ``login`` sees, with this summary."""
        activities = self._as(
            login,
            "mail.activity",
            "search_read",
            [[("res_model", "=", record._name), ("res_id", "=", record.id)]],
            fields=["summary", "user_id"],
        )
        return [(a["summary"], a["user_id"][0]) for a in activities if a["summary"] == summary]


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestReclassifiedToAnotherDepartment(ReclassificationCase):
    """A ticket reclassified to another department after a feedback counted it
    reaches the new department's next feedback, as a late classification
    (audit F5)."""

    def _feedback(self, login, department, today):
        self.env["crossborder.feedback"]._generate_batch(today=today)
        return self._as(
            login,
            "crossborder.feedback",
            "search_read",
            [[("department_id", "=", department.id), ("date_to", "=", str(today - timedelta(1)))]],
            fields=["ticket_count", "late_count", "example_ticket_ids"],
        )

    def test_reclassified_ticket_reaches_the_new_departments_feedback(self):
        plug = self._ticket(
            name="Lamp plug does not fit",
            user_id=self.agent.id,
            root_cause_id=self.c_late.id,
            created=self.now - timedelta(days=10),
        )
        week_before = self._feedback("cbo_log_mgr", self.logistics, self.today - timedelta(days=7))
        self.assertEqual(
            [(f["ticket_count"], f["example_ticket_ids"]) for f in week_before], [(1, plug.ids)]
        )

        self._dispute(plug, "The warehouse picked the EU lamp")
        self._reclassify(plug, self.c_wrong_item)
        this_week = self.today + timedelta(days=1)
        warehouse = self._feedback("cbo_wh_mgr", self.warehouse, this_week)
        self.assertEqual(
            [(f["ticket_count"], f["late_count"], f["example_ticket_ids"]) for f in warehouse],
            [(1, 1, plug.ids)],
            "the warehouse hears of it, as a late classification",
        )
        logistics = self._feedback("cbo_log_mgr", self.logistics, this_week)
        self.assertEqual(sum(f["ticket_count"] for f in logistics), 0, "not counted twice there")

    def test_parked_on_no_fault_over_the_feedback_reaches_the_next(self):
        """An agent gave a warehouse problem a cause nobody is at fault for while
        the week's feedback was written, and the warehouse's cause back after it:
        the ticket kept its date and its department, and no feedback ever
        counted it."""
        no_fault = self.env["crossborder.root.cause"].create(
            {"name": "T-Changed their mind", "link": "no_fault"}
        )
        # no feedback written yet for these weeks (the demo's are)
        self.env["crossborder.feedback"].search([]).unlink()
        box = self._ticket(
            name="Wrong box",
            user_id=self.agent.id,
            root_cause_id=self.c_wrong_item.id,
            created=self.now - timedelta(days=10),
        )
        self._as("cbo_agent", "helpdesk.ticket", "write", [box.ids, {"root_cause_id": no_fault.id}])
        week_before = self._feedback("cbo_wh_mgr", self.warehouse, self.today - timedelta(days=7))
        self.assertEqual(sum(f["ticket_count"] for f in week_before), 0, "nobody's fault then")
        self._reclassify(box, self.c_wrong_item)
        warehouse = self._feedback("cbo_wh_mgr", self.warehouse, self.today + timedelta(days=1))
        self.assertEqual(
            [(f["ticket_count"], f["late_count"], f["example_ticket_ids"]) for f in warehouse],
            [(1, 1, box.ids)],
            "the warehouse hears of it in its next feedback, as a late classification",
        )

    def test_reclassified_before_any_feedback_keeps_its_date(self):
        ticket = self._ticket(name="Wrong box", user_id=self.agent.id)
        self._reclassify(ticket, self.c_late)
        dated = ticket.classified_date
        self._reclassify(ticket, self.c_wrong_item)
        self.assertEqual(
            ticket.classified_date, dated, "its period's feedback counts it for the warehouse"
        )
        self.assertEqual(ticket.classified_department_id, self.warehouse)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestRecurrenceFollowsItsTickets(ReclassificationCase):
    """A recurrence counts the tickets that still have its cause and subject: one
    left with too few is withdrawn, its to-do closed, its action told (audit F6),
    and its to-do closes when an action answers it or it is closed (audit F7 d)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._wrong_dresses()
        cls.summary = "Recurring problem: decide a corrective action"

    def _read(self, login="cbo_wh_mgr"):
        return self._as(
            login,
            "crossborder.recurrence",
            "read",
            [self.recurrence.ids],
            fields=["ticket_count", "state"],
        )[0]

    def test_reclassified_tickets_leave_and_the_recurrence_is_withdrawn(self):
        self.assertEqual((self.recurrence.ticket_count, self.recurrence.state), (4, "open"))
        self.assertEqual(
            self._todos("cbo_wh_mgr", self.recurrence, self.summary),
            [(self.summary, self.wh_manager_user.id)],
        )
        self._dispute(self.dresses[:3])
        self._reclassify(self.dresses[:1], self.c_late)
        recurrence = self._read()
        self.assertEqual((recurrence["ticket_count"], recurrence["state"]), (3, "open"))

        self._reclassify(self.dresses[1:3], self.c_missing)
        recurrence = self._read()
        self.assertEqual((recurrence["ticket_count"], recurrence["state"]), (1, "withdrawn"))
        self.assertEqual(self.recurrence.ticket_ids, self.dresses[3:])
        self.assertFalse(self.dresses.filtered("in_recurrence"), "no recurrence any more")
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])
        chatter = " ".join(self.recurrence.message_ids.mapped("body"))
        self.assertIn("Withdrawn", chatter)
        self.assertIn("Wrong dress 8", chatter)
        # three tickets of another cause of the same product: that recurrence opens
        missing = self.env["crossborder.recurrence"].search(
            [("root_cause_id", "=", self.c_missing.id), ("product_id", "=", self.product_b.id)]
        )
        self.assertFalse(missing, "two tickets are no recurrence")
        self._reclassify(self.dresses[3:], self.c_missing)
        missing = self.env["crossborder.recurrence"].search(
            [("root_cause_id", "=", self.c_missing.id), ("product_id", "=", self.product_b.id)]
        )
        self.assertEqual((missing.ticket_count, missing.state), (3, "open"))

    def test_deleted_tickets_leave_and_the_recurrence_is_withdrawn(self):
        """A helpdesk manager deleting classified tickets (duplicates, spam) left the
        recurrence counting 4 tickets of which 2 existed, open, with its to-do."""
        self._as("cbo_cs_manager", "helpdesk.ticket", "unlink", [self.dresses[:1].ids])
        recurrence = self._read()
        self.assertEqual((recurrence["ticket_count"], recurrence["state"]), (3, "open"))
        self._as("cbo_cs_manager", "helpdesk.ticket", "unlink", [self.dresses[1:3].ids])
        recurrence = self._read()
        self.assertEqual((recurrence["ticket_count"], recurrence["state"]), (1, "withdrawn"))
        self.assertEqual(self.recurrence.ticket_ids, self.dresses[3:].exists())
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])
        chatter = " ".join(self.recurrence.message_ids.mapped("body"))
        self.assertIn("deleted by", chatter)
        self.assertIn("Withdrawn", chatter)

    def test_another_product_leaves_too(self):
        self._as(
            "cbo_agent",
            "helpdesk.ticket",
            "write",
            [self.dresses[:2].ids, {"product_id": self.product.id}],
        )
        recurrence = self._read()
        self.assertEqual((recurrence["ticket_count"], recurrence["state"]), (2, "withdrawn"))

    def test_action_kept_and_told_when_its_recurrence_is_withdrawn(self):
        context = self.recurrence.action_new_corrective_action()["context"]
        values = {
            key.removeprefix("default_"): value
            for key, value in context.items()
            if key.startswith("default_")
        }
        action_id = self._as("cbo_wh_mgr", "crossborder.corrective.action", "create", [values])
        self.assertEqual(
            self._todos("cbo_wh_mgr", self.recurrence, self.summary),
            [],
            "an action answers the recurrence: nothing left to decide",
        )
        self._reclassify(self.dresses[:2], self.c_late)
        action = self._as(
            "cbo_wh_mgr",
            "crossborder.corrective.action",
            "read",
            [[action_id]],
            fields=["state", "recurrence_id"],
        )[0]
        self.assertEqual(
            (action["state"], action["recurrence_id"][0]), ("open", self.recurrence.id)
        )
        self.assertIn(
            "was withdrawn",
            " ".join(
                self.env["crossborder.corrective.action"]
                .browse(action_id)
                .message_ids.mapped("body")
            ),
        )

    def test_closing_the_recurrence_closes_its_todo(self):
        self._as("cbo_cs_manager", "crossborder.recurrence", "action_close", [self.recurrence.ids])
        self.assertEqual(self._read()["state"], "closed")
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])

    def test_the_answer_to_a_recurrence_measures_its_cause_and_stays(self):
        """Walt answered the recurrence with an action of no cause, which the
        scheduled action never measures, then took the action off the
        recurrence: open, with no action and no to-do (outside audit 59, F2-F3)."""
        action_id = self._as(
            "cbo_wh_mgr",
            "crossborder.corrective.action",
            "create",
            [
                {
                    "name": "Think about it",
                    "department_id": self.warehouse.id,
                    "recurrence_id": self.recurrence.id,
                }
            ],
        )
        action = self.env["crossborder.corrective.action"].browse(action_id)
        self.assertEqual(
            (action.root_cause_id, action.product_id),
            (self.c_wrong_item, self.product_b),
            "it measures the recurrence's cause on its product",
        )
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        for values in ({"recurrence_id": False}, {"root_cause_id": False}):
            with self.subTest(values=values):
                _result, error = self._call_kw(
                    "crossborder.corrective.action", "write", [[action_id], values]
                )
                self.assertRegex(error.get("message", ""), "stays its answer|its root cause is")
        self.env.invalidate_all()
        self.assertEqual(self.recurrence.corrective_action_ids, action)
        self.assertEqual(action.root_cause_id, self.c_wrong_item)

    def test_the_todos_follow_a_new_department_manager(self):
        """The warehouse got a new manager: its to-dos stayed with Walt, who can
        no longer do them, and Nell had none (outside audit 59, F8)."""
        nell = new_test_user(
            self.env,
            login="cbo_wh_new",
            name="Nell New",
            groups="crossborder_ops_helpdesk.group_cs_department",
        )
        employee = self.env["hr.employee"].create({"name": "Nell", "user_id": nell.id})
        self._as(
            "admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": employee.id}]
        )
        self.assertEqual(
            self._todos("cbo_wh_new", self.recurrence, self.summary), [(self.summary, nell.id)]
        )
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])

    def _nell(self):
        return new_test_user(
            self.env,
            login="cbo_wh_new",
            name="Nell New",
            groups="crossborder_ops_helpdesk.group_cs_department",
        )

    def test_a_first_manager_gets_the_todos_nobody_had(self):
        """The recurrence came while the warehouse had no manager: nobody got
        its to-do, and Nell, its first manager, got none either (outside audit
        63)."""
        self._as("admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": False}])
        self.recurrence.activity_ids.sudo().unlink()  # written while nobody could do it
        nell = self._nell()
        employee = self.env["hr.employee"].create({"name": "Nell", "user_id": nell.id})
        self._as(
            "admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": employee.id}]
        )
        self.assertEqual(
            self._todos("cbo_wh_new", self.recurrence, self.summary), [(self.summary, nell.id)]
        )
        # given again, it gets no second one
        self._as("admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": False}])
        self._as(
            "admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": employee.id}]
        )
        self.assertEqual(len(self._todos("cbo_wh_new", self.recurrence, self.summary)), 1)

    def test_the_todos_follow_the_managers_user(self):
        """The warehouse manager's employee was given Nell's user: the to-dos
        stayed with Walt (outside audit 63)."""
        nell = self._nell()
        self._as(
            "admin",
            "hr.employee",
            "write",
            [self.warehouse.manager_id.ids, {"user_id": nell.id}],
        )
        self.assertEqual(
            self._todos("cbo_wh_new", self.recurrence, self.summary), [(self.summary, nell.id)]
        )
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])

    def test_the_todos_wait_for_a_manager_without_user(self):
        """The warehouse's new manager had no user yet; given Nell's, the to-dos
        stayed with Walt, and Nell got none (outside audit 67)."""
        employee = self.env["hr.employee"].create({"name": "Nell, no user yet"})
        self._as(
            "admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": employee.id}]
        )
        nell = self._nell()
        self._as("admin", "hr.employee", "write", [employee.ids, {"user_id": nell.id}])
        self.assertEqual(
            self._todos("cbo_wh_new", self.recurrence, self.summary), [(self.summary, nell.id)]
        )
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])

    def test_the_todos_wait_for_the_managers_company(self):
        """Nell, of the group's other company only, became the warehouse's
        manager and got none of its to-dos; given this company too, she still
        got none (outside audit 68)."""
        other = self.env["res.company"].create({"name": "T-Other company"})
        nell = self._nell()
        nell.write({"company_ids": [(6, 0, other.ids)], "company_id": other.id})
        employee = self.env["hr.employee"].create(
            {"name": "Nell", "user_id": nell.id, "company_id": other.id}
        )
        self.recurrence.activity_ids.sudo().unlink()  # done, or never written
        self._as(
            "admin", "hr.department", "write", [self.warehouse.ids, {"manager_id": employee.id}]
        )
        self.assertFalse(self.recurrence.activity_ids, "not a to-do of her company")
        self._as(
            "admin", "res.users", "write", [nell.ids, {"company_ids": [(4, self.env.company.id)]}]
        )
        self.assertEqual(
            self._todos("cbo_wh_new", self.recurrence, self.summary), [(self.summary, nell.id)]
        )

    def test_a_manager_moved_to_another_company_leaves_its_todos(self):
        """Walt, the warehouse's manager, was moved to the group's other company:
        he kept the to-do of a recurrence he could no longer open (outside audit
        68, L2). Given this company back, he has it again."""
        walt = self.wh_manager_user
        self.assertEqual(
            self._todos("cbo_wh_mgr", self.recurrence, self.summary), [(self.summary, walt.id)]
        )
        other = self.env["res.company"].create({"name": "T-Other company"})
        self._as(
            "admin",
            "res.users",
            "write",
            [walt.ids, {"company_ids": [(6, 0, other.ids)], "company_id": other.id}],
        )
        self.assertFalse(
            self.recurrence.sudo().activity_ids.filtered(lambda todo: todo.user_id == walt),
            "no to-do of a company he no longer works in",
        )
        self._as(
            "admin", "res.users", "write", [walt.ids, {"company_ids": [(4, self.env.company.id)]}]
        )
        self.assertEqual(
            self._todos("cbo_wh_mgr", self.recurrence, self.summary), [(self.summary, walt.id)]
        )

    def test_an_archived_manager_speaks_for_nothing_until_he_is_back(self):
        """Walt, the warehouse's manager, left and his employee was archived: he
        still read its recurrences and got the to-do of each new feedback. Back,
        he got none of what had waited for him (outside audit 67). He kept the
        to-dos he had, and marked them done on what he could no longer read
        (outside audit 69)."""
        walt, employee = self.wh_manager_user, self.warehouse.manager_id
        self._as("admin", "hr.employee", "action_archive", [employee.ids])
        self.assertFalse(
            self.recurrence.sudo().activity_ids.filtered(lambda todo: todo.user_id == walt),
            "his to-dos leave with him",
        )
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        seen, _error = self._call_kw(
            "crossborder.recurrence", "search_count", [[("id", "=", self.recurrence.id)]]
        )
        self.assertEqual(seen, 0, "an archived manager no longer reads his department's")
        Feedback = self.env["crossborder.feedback"]
        Feedback._generate_batch(today=self.today + timedelta(days=1))  # this week's
        feedback = Feedback.search([("department_id", "=", self.warehouse.id)])
        self.assertTrue(feedback, "the warehouse's tickets make a feedback")
        summary = Feedback._acknowledge_summary()
        self.assertFalse(
            feedback.activity_ids.filtered(lambda todo: todo.user_id == walt),
            "a feedback of the weeks he was gone is no to-do of his",
        )
        self._as("admin", "hr.employee", "action_unarchive", [employee.ids])
        self.assertEqual(
            self._todos("cbo_wh_mgr", self.recurrence, self.summary), [(self.summary, walt.id)]
        )
        self.assertEqual(
            [self._todos("cbo_wh_mgr", record, summary) for record in feedback],
            [[(summary, walt.id)]] * len(feedback),
        )

    def test_the_todos_follow_a_cause_moved_to_another_department(self):
        """The wrong-item cause was handed to logistics: its open recurrence went
        with it, and its to-do stayed with Walt (outside audit 70, M7)."""
        self._as(
            "admin",
            "crossborder.root.cause",
            "write",
            [self.c_wrong_item.ids, {"department_id": self.logistics.id}],
        )
        self.assertEqual(self.recurrence.department_id, self.logistics)
        self.assertEqual(
            self._todos("cbo_log_mgr", self.recurrence, self.summary),
            [(self.summary, self.log_manager_user.id)],
        )
        self.assertFalse(
            self.recurrence.sudo().activity_ids.filtered(
                lambda todo: todo.user_id == self.wh_manager_user
            )
        )

    def test_a_cause_without_department_leaves_the_todos(self):
        """The wrong-item cause's department was emptied: Walt kept the to-do of
        its recurrence, which nobody could take off (outside audit 75, M3).
        Given a department again, its manager gets it."""
        self._as(
            "admin",
            "crossborder.root.cause",
            "write",
            [self.c_wrong_item.ids, {"department_id": False}],
        )
        self.assertFalse(self.recurrence.department_id)
        self.assertFalse(self.recurrence.sudo().activity_ids)
        self._as(
            "admin",
            "crossborder.root.cause",
            "write",
            [self.c_wrong_item.ids, {"department_id": self.logistics.id}],
        )
        self.assertEqual(
            self._todos("cbo_log_mgr", self.recurrence, self.summary),
            [(self.summary, self.log_manager_user.id)],
        )

    def test_a_cause_keeps_a_department_of_its_tickets_company(self):
        """An administrator gave the wrong-item cause a department of the
        group's other company: this company's tickets kept a cause their
        helpdesk managers could no longer read (outside audit 75, M4)."""
        other = self.env["res.company"].create({"name": "T-Other company"})
        self.env.ref("base.user_admin").company_ids |= other
        abroad = self.env["hr.department"].create(
            {"name": "T-Warehouse abroad", "company_id": other.id}
        )
        self.authenticate("admin", "admin")
        _result, error = self._call_kw(
            "crossborder.root.cause",
            "write",
            [self.c_wrong_item.ids, {"department_id": abroad.id}],
            context={"allowed_company_ids": [self.env.company.id, other.id]},
        )
        self.assertIn("its department stays one of", error.get("message", ""))
        # nor its department moved there (left without manager first)
        self.warehouse.manager_id = False
        self.env.flush_all()
        _result, error = self._call_kw(
            "hr.department",
            "write",
            [self.warehouse.ids, {"company_id": other.id}],
            context={"allowed_company_ids": [self.env.company.id, other.id]},
        )
        self.assertIn("its department stays one of", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(self.c_wrong_item.department_id, self.warehouse)
        self.assertEqual(self.warehouse.company_id, self.env.company)

    def test_a_deleted_manager_leaves_the_todos(self):
        """Walt's employee was deleted rather than archived: his user kept the
        warehouse's to-dos (outside audit 70, M7)."""
        walt = self.wh_manager_user
        self._as("admin", "hr.employee", "unlink", [self.warehouse.manager_id.ids])
        self.assertFalse(
            self.recurrence.sudo().activity_ids.filtered(lambda todo: todo.user_id == walt)
        )

    def test_a_feedback_stays_with_its_department(self):
        """A feedback moved to logistics over RPC took the warehouse's figures and
        to-do with it; the warehouse, deleted, left its feedbacks colliding with
        the digest of all departments (outside audit 70, M7 and L9)."""
        Feedback = self.env["crossborder.feedback"]
        Feedback._generate_batch(today=self.today + timedelta(days=1))
        feedback = Feedback.search([("department_id", "=", self.warehouse.id)])
        self.assertTrue(feedback, "the warehouse's tickets make a feedback")
        self.env.flush_all()
        for login, model, method, args, message in (
            (
                "cbo_cs_manager",
                "crossborder.feedback",
                "write",
                [feedback.ids, {"department_id": self.logistics.id}],
                "set by the system",
            ),
            ("admin", "hr.department", "unlink", [self.warehouse.ids], "archive it instead"),
            # nor its figures, lines or a copy under another department (audit 71, M2)
            (
                "cbo_cs_manager",
                "crossborder.feedback",
                "write",
                [feedback.ids, {"ticket_count": 999}],
                "set by the system",
            ),
            (
                "cbo_cs_manager",
                "crossborder.feedback.line",
                "write",
                [feedback.line_ids[:1].ids, {"count": 999}],
                "set by the system",
            ),
            (
                "admin",
                "crossborder.feedback",
                "copy",
                [feedback[:1].ids, {"department_id": self.logistics.id}],
                "set by the system",
            ),
            # a recurrence's cause and department are its detection's (audit 71, H4)
            (
                "cbo_cs_manager",
                "crossborder.recurrence",
                "write",
                [self.recurrence.ids, {"department_id": self.logistics.id}],
                "set by the system",
            ),
            (
                "cbo_cs_manager",
                "crossborder.recurrence",
                "write",
                [self.recurrence.ids, {"root_cause_id": self.c_late.id}],
                "set by the system",
            ),
            # closed, reopened, recounted or deleted by hand (outside audit 72)
            *(
                (
                    "cbo_cs_manager",
                    model,
                    "write",
                    [records.ids, values],
                    "reclassify the tickets behind",
                )
                for model, records, values in (
                    ("crossborder.recurrence", self.recurrence, {"state": "closed"}),
                    ("crossborder.recurrence", self.recurrence, {"ticket_count": 999}),
                    ("crossborder.feedback", feedback, {"trend": 9.9}),
                    ("crossborder.feedback.line", feedback.line_ids[:1], {"company_id": 2}),
                )
            ),
            *(
                ("cbo_cs_manager", model, "unlink", [records.ids], "not deleted by hand")
                for model, records in (
                    ("crossborder.recurrence", self.recurrence),
                    ("crossborder.feedback", feedback),
                    ("crossborder.feedback.line", feedback.line_ids[:1]),
                )
            ),
        ):
            with self.subTest(model=model):
                self.authenticate(login, login)
                _result, error = self._call_kw(model, method, args)
                self.assertIn(message, error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(feedback.department_id, self.warehouse)
        self.assertEqual(
            (self.recurrence.department_id, self.recurrence.state, self.recurrence.ticket_count),
            (self.warehouse, "open", 4),
        )
        # closed by its button, the to-do goes with it
        self._as("cbo_cs_manager", "crossborder.recurrence", "action_close", [self.recurrence.ids])
        self.assertEqual(self.recurrence.state, "closed")
        self.assertEqual(self._todos("cbo_wh_mgr", self.recurrence, self.summary), [])
        self.assertEqual(Feedback.search_count([("department_id", "=", self.logistics.id)]), 0)

    def test_the_department_todos_close_with_their_buttons(self):
        """Customer service's manager deleted the warehouse's to-do, marked it
        or the feedback's done, gave it to someone else or wrote one herself in
        Activities; the warehouse's work looked done, or asked (outside audit
        73, M3). Walt may still reschedule his own."""
        Feedback = self.env["crossborder.feedback"]
        Feedback._generate_batch(today=self.today + timedelta(days=1))
        feedback = Feedback.search([("department_id", "=", self.warehouse.id)])
        acknowledge = "Acknowledge the customer-service feedback"
        todo, ack = (
            self.env["mail.activity"].search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)]
                + [("summary", "=", summary)]
            )
            for record, summary in ((self.recurrence, self.summary), (feedback, acknowledge))
        )
        self.assertTrue(todo and ack, "the warehouse has both to-dos")
        later = str(self.today + timedelta(days=9))
        new = {
            "res_model_id": self.env["ir.model"]._get_id(self.recurrence._name),
            "res_id": self.recurrence.id,
            "user_id": self.wh_manager_user.id,
            "activity_type_id": todo.activity_type_id.id,
        }
        self.env.flush_all()
        for login, method, args, kwargs, message in (
            ("cbo_cs_manager", "unlink", [todo.ids], {}, "not marked done, deleted"),
            ("cbo_cs_manager", "action_feedback", [todo.ids], {}, "not marked done, deleted"),
            ("cbo_wh_mgr", "action_feedback", [todo.ids], {}, "closes the recurrence"),
            ("cbo_wh_mgr", "action_feedback", [ack.ids], {}, "(Acknowledge)"),
            ("cbo_wh_mgr", "unlink", [ack.ids], {}, "(Acknowledge)"),
            (
                "cbo_cs_manager",
                "write",
                [todo.ids, {"user_id": self.cs_manager.id}],
                {},
                "given to someone else",
            ),
            ("cbo_cs_manager", "write", [todo.ids, {"date_deadline": later}], {}, "by hand"),
            ("cbo_wh_mgr", "write", [todo.ids, {"summary": "Later"}], {}, "by hand"),
            # the system's mark on a to-do of one's own (outside audit 74, M1)
            (
                "cbo_cs_manager",
                "create",
                [{**new, "summary": "Call", "cbo_department_todo": "decide"}],
                {},
                "set by the system",
            ),
            *(
                ("cbo_cs_manager", "create", [values], {}, "Schedule your own activity")
                for values in (
                    {**new, "summary": self.summary},
                    # nor one that reads like it (outside audit 74, L4)
                    {**new, "summary": f" {self.summary.upper()}  "},
                    {**new, "summary": f"{self.summary}."},
                    {**new, "summary": self.summary.replace("corrective", "correc\u200btive")},
                    # Cyrillic "а" and "о" (outside audit 75, L2), a lunate sigma, a
                    # combining joiner, a Hangul filler (outside audit 78, L1)
                    {**new, "summary": self.summary.replace("c", "\u03f2", 1)},
                    {**new, "summary": self.summary.replace("ng", "n\u034fg")},
                    {**new, "summary": self.summary.replace(" ", "\u3164")},
                    # another colon, an "rn" for an "m", a capital I for an l
                    # (outside audit 79, L1)
                    {**new, "summary": self.summary.replace(":", " -")},
                    {**new, "summary": self.summary.replace("m", "rn")},
                    {**new, "summary": self.summary.replace("l", "I")},
                    {**new, "summary": self.summary.replace("a", "\u0430").replace("o", "\u043e")},
                    {
                        **new,
                        "res_model_id": self.env["ir.model"]._get_id(feedback._name),
                        "res_id": feedback.id,
                        "summary": acknowledge.replace("-", "\u2011"),
                    },
                )
            ),
        ):
            with self.subTest(login=login, method=method, args=args):
                self.authenticate(login, login)
                _result, error = self._call_kw("mail.activity", method, args, **kwargs)
                self.assertIn(message, error.get("message", ""))
        # one of her own, made into the department's to-do
        own = self._as("cbo_cs_manager", "mail.activity", "create", [{**new, "summary": "Call"}])
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        _result, error = self._call_kw("mail.activity", "write", [[own], {"summary": self.summary}])
        self.assertIn("Schedule your own activity", error.get("message", ""))
        _result, error = self._call_kw(
            "mail.activity", "write", [[own], {"cbo_department_todo": "decide"}]
        )
        self.assertIn("set by the system", error.get("message", ""))
        self._as("cbo_wh_mgr", "mail.activity", "write", [todo.ids, {"date_deadline": later}])
        self.assertEqual(
            self._todos("cbo_wh_mgr", self.recurrence, self.summary),
            [(self.summary, self.wh_manager_user.id)],
        )
        self.assertEqual(str(todo.date_deadline), later)
        self.assertTrue(ack.exists() and ack.active)
        # the buttons close them
        self._as("cbo_wh_mgr", "crossborder.feedback", "action_acknowledge", [feedback.ids])
        self.assertFalse(ack.active)

    def test_a_todo_in_a_language_archived_since_keeps_its_button(self):
        """A to-do written in Chinese, whose language an administrator archived
        afterwards, was no longer the department's: he deleted it, and the
        department's button no longer closed it (outside audit 74, M1)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["crossborder_ops_helpdesk"], ["zh_CN"])
        Feedback = self.env["crossborder.feedback"].with_context(lang="zh_CN")
        Feedback._generate_batch(today=self.today + timedelta(days=1))
        feedback = Feedback.search([("department_id", "=", self.warehouse.id)])
        ack = feedback.activity_ids
        self.assertEqual(len(ack), 1)
        self.assertNotEqual(ack.summary, "Acknowledge the customer-service feedback")
        # the administrator first takes Chinese off everyone who reads it
        for model in ("res.users", "res.partner"):
            self.env[model].with_context(active_test=False).search(
                [("lang", "=", "zh_CN")]
            ).lang = "en_US"
        self.env.flush_all()
        chinese = self.env["res.lang"]._lang_get("zh_CN")
        self._as("admin", "res.lang", "write", [chinese.ids, {"active": False}])
        self.assertFalse(chinese.active)
        for method in ("unlink", "action_feedback", "action_done"):
            with self.subTest(method=method):
                self.authenticate("admin", "admin")
                _result, error = self._call_kw("mail.activity", method, [ack.ids])
                self.assertIn("(Acknowledge)", error.get("message", ""))
        self.assertTrue(ack.exists() and ack.active)
        self._as("cbo_wh_mgr", "crossborder.feedback", "action_acknowledge", [feedback.ids])
        self.assertFalse(ack.active, "Acknowledge closes it")

    def test_a_department_with_causes_is_archived(self):
        """A department causes were traced to, with no feedback yet, was deleted:
        its causes and recurrences lost it, and its manager kept their to-dos
        (outside audit 71, M1)."""
        self.authenticate("admin", "admin")
        _result, error = self._call_kw("hr.department", "unlink", [self.warehouse.ids])
        self.assertIn("archive it instead", error.get("message", ""))
        self.assertEqual(self.recurrence.department_id, self.warehouse)


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestDisputeTodos(ReclassificationCase):
    """One 'review the classification' to-do per disputed ticket, for someone,
    closed when its reason is gone (audit F7 a-c)."""

    summary = "Cause disputed: review the classification"

    def setUp(self):
        super().setUp()
        self.ticket = self._ticket(name="Blue, not red", user_id=self.agent.id)
        self._reclassify(self.ticket, self.c_wrong_item)

    def test_confirmed_after_a_dispute_closes_the_review(self):
        self._dispute(self.ticket)
        self.assertEqual(
            self._todos("cbo_agent", self.ticket, self.summary), [(self.summary, self.agent.id)]
        )
        self._as(
            "cbo_wh_mgr",
            "helpdesk.ticket",
            "action_confirm_attribution",
            [self.ticket.ids],
            causes=causes_of(self.ticket),
        )
        self.assertEqual(self._todos("cbo_agent", self.ticket, self.summary), [])

    def test_reclassified_after_a_dispute_closes_the_review(self):
        self._dispute(self.ticket)
        self._reclassify(self.ticket, self.c_late)
        self.assertEqual(self._todos("cbo_agent", self.ticket, self.summary), [])

    def test_disputed_again_keeps_one_review(self):
        for note in ("Not ours", "Still not ours", "Really not ours"):
            self._dispute(self.ticket, note)
        self.assertEqual(
            self._todos("cbo_agent", self.ticket, self.summary), [(self.summary, self.agent.id)]
        )

    def test_ticket_without_agent_asks_who_classified_it(self):
        self._as(
            "cbo_cs_manager", "helpdesk.ticket", "write", [self.ticket.ids, {"user_id": False}]
        )
        self._dispute(self.ticket)
        self.assertEqual(
            self._todos("cbo_agent", self.ticket, self.summary), [(self.summary, self.agent.id)]
        )


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestRecurrenceMigration(MonitorCase):
    def test_recurrences_of_tickets_reclassified_before_are_revised(self):
        self.env["ir.config_parameter"].set_param(
            "crossborder_ops_helpdesk.recurrence_threshold", 3
        )
        now = fields.Datetime.now()
        tickets = self.env["helpdesk.ticket"]
        for day in (6, 4, 2):
            tickets |= self._ticket(product_id=self.product_b.id, created=now - timedelta(day))
        tickets.root_cause_id = self.c_wrong_item
        recurrence = tickets.recurrence_ids
        self.assertEqual(recurrence.ticket_count, 3)
        self.env.flush_all()
        # reclassified before recurrences followed their tickets
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET root_cause_id = %s WHERE id = %s",
            (self.c_late.id, tickets[0].id),
        )
        self.env.invalidate_all()
        load_migration("19.0.2.5.0").migrate(self.env.cr, "19.0.2.4.2")
        self.assertEqual((recurrence.ticket_count, recurrence.state), (2, "withdrawn"))
        self.assertFalse(recurrence.activity_ids)
