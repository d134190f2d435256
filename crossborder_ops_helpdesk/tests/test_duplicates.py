# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer who writes twice about one problem opens two tickets: marked as a
duplicate (helpdesk's *Mark as Duplicate*), the second is no problem of its own.
It counted twice in recurrences, feedback and rates, and it could not close
without a cause of its own."""

from odoo.tests import tagged

from .test_reclassification import ReclassificationCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestDuplicates(ReclassificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._wrong_dresses(category_id=cls.cat_after.id)  # after-sales: closed with a cause

    def _mark_duplicate(self, ticket, original, login="cbo_agent"):
        """Helpdesk's Mark as Duplicate, as the agent clicks it: the wizard, confirmed."""
        wizard = self._as(
            login,
            "helpdesk.ticket.duplicate.wizard",
            "create",
            [
                {
                    "ticket_id": ticket.id,
                    "duplicate_of_id": original.id,
                    "target_stage_id": self.stage_done.id,
                }
            ],
        )
        self.authenticate(login, login)
        return self._call_kw("helpdesk.ticket.duplicate.wizard", "action_confirm", [wizard])

    def _recurrence(self):
        return self._as(
            "cbo_wh_mgr",
            "crossborder.recurrence",
            "read",
            [self.recurrence.ids],
            fields=["ticket_count", "state"],
        )[0]

    def test_duplicates_leave_the_counts_and_close_without_a_cause(self):
        self.assertEqual((self.recurrence.ticket_count, self.recurrence.state), (4, "open"))
        original = self.dresses[0]
        for duplicate in self.dresses[1:3]:
            _result, error = self._mark_duplicate(duplicate, original)
            self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        duplicates = self.dresses[1:3]
        self.assertEqual(duplicates.duplicate_id, original)
        self.assertEqual(duplicates.stage_id, self.stage_done, "closed, without a cause")
        self.assertFalse(duplicates.root_cause_id)
        recurrence = self._recurrence()
        self.assertEqual((recurrence["ticket_count"], recurrence["state"]), (2, "withdrawn"))
        # the warehouse's list of its problems no longer holds them
        problems = self._as(
            "cbo_wh_mgr",
            "helpdesk.ticket",
            "search_count",
            [
                [
                    ("id", "in", self.dresses.ids),
                    ("responsible_department_id", "=", self.warehouse.id),
                ]
            ],
        )
        self.assertEqual(problems, 2)
        # nor do the agent's "without root cause" tickets
        missing = self._as(
            "cbo_agent",
            "helpdesk.ticket",
            "search_count",
            [
                [
                    ("id", "in", self.dresses.ids),
                    ("root_cause_id", "=", False),
                    ("cs_stage", "=", "after_sales"),
                    ("duplicate_id", "=", False),
                ]
            ],
        )
        self.assertEqual(missing, 0)

    def test_a_duplicate_is_not_classified(self):
        self._mark_duplicate(self.dresses[1], self.dresses[0])
        self.authenticate("cbo_agent", "cbo_agent")
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "write",
            [self.dresses[1].ids, {"root_cause_id": self.c_missing.id}],
        )
        self.assertIn("is a duplicate of", error.get("message", ""))
        self.env.invalidate_all()
        self.assertFalse(self.dresses[1].root_cause_id)

    def test_unmarked_it_closes_only_with_a_cause_again(self):
        self._mark_duplicate(self.dresses[1], self.dresses[0])
        self.authenticate("cbo_agent", "cbo_agent")
        _result, error = self._call_kw(
            "helpdesk.ticket", "write", [self.dresses[1].ids, {"duplicate_id": False}]
        )
        self.assertIn("without a root cause", error.get("message", ""))
        _result, error = self._call_kw(
            "helpdesk.ticket",
            "write",
            [self.dresses[1].ids, {"duplicate_id": False, "root_cause_id": self.c_missing.id}],
        )
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertEqual(self.dresses[1].root_cause_id, self.c_missing)

    def test_a_department_answer_goes_with_the_duplicate(self):
        """The warehouse disputed the second ticket: marked as a duplicate, it leaves
        the warehouse's disputes with its cause, and the agent's review to-do closes."""
        self._dispute(self.dresses[1])
        summary = "Cause disputed: review the classification"
        self.assertTrue(self._todos("cbo_agent", self.dresses[1], summary))
        _result, error = self._mark_duplicate(self.dresses[1], self.dresses[0])
        self.assertFalse(error, error.get("message"))
        self.env.invalidate_all()
        self.assertFalse(self.dresses[1].root_cause_id)
        self.assertFalse(self.dresses[1].attribution_state)
        self.assertEqual(self._todos("cbo_agent", self.dresses[1], summary), [])
