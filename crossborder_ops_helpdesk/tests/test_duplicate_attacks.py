# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Marking a ticket as a duplicate from outside, as the roles would: a duplicate
is no problem of its own only because the ticket it duplicates is one. Marked
as a duplicate of itself, of a duplicate (a cycle), of another company's ticket
or of one its agent cannot read, the problem left every count."""

from odoo.tests import new_test_user, tagged

from .common import causes_of
from .test_reclassification import ReclassificationCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestDuplicateAttacks(ReclassificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._wrong_dresses(category_id=cls.cat_after.id)  # after-sales: closed with a cause

    def _write(self, login, tickets, values):
        self.env.flush_all()
        self.authenticate(login, login)
        result, error = self._call_kw("helpdesk.ticket", "write", [tickets.ids, values])
        self.env.invalidate_all()
        return result, error

    def _refused(self, login, tickets, values, pattern):
        result, error = self._write(login, tickets, values)
        self.assertRegex(error.get("message", ""), pattern, result)

    def test_not_a_duplicate_of_itself(self):
        ticket = self.dresses[1]
        self._refused(
            "cbo_agent",
            ticket,
            {"duplicate_id": ticket.id, "stage_id": self.stage_done.id},
            "duplicate of itself",
        )
        self.assertEqual(ticket.root_cause_id, self.c_wrong_item)
        self.assertFalse(ticket.duplicate_id)

    def test_not_a_duplicate_of_a_question_that_counts_no_problem(self):
        """An agent marked a classified after-sales problem as a duplicate of a
        pre-sales question without a cause: it closed, lost its cause and its
        department's attribution, and was counted nowhere."""
        problem = self.dresses[1]
        question = self._ticket("Do you ship to Turkey?", category_id=self.cat_pre.id)
        self._refused(
            "cbo_agent",
            problem,
            {"duplicate_id": question.id, "stage_id": self.stage_done.id},
            "counted nowhere",
        )
        self.assertEqual(problem.root_cause_id, self.c_wrong_item)
        self.assertFalse(problem.duplicate_id)
        self.assertFalse(problem.stage_id.closed)
        # a question is a duplicate of a question; a problem of a classified ticket
        other_question = self._ticket("Shipping to Turkey?", category_id=self.cat_pre.id)
        for ticket, original in ((other_question, question), (problem, self.dresses[0])):
            result, error = self._write("cbo_agent", ticket, {"duplicate_id": original.id})
            self.assertFalse(error, error.get("message"))
            self.assertEqual(ticket.duplicate_id, original)

    def test_the_original_keeps_counting_the_problem_of_its_duplicates(self):
        """Marked as a duplicate of an in-sales ticket with a cause, the after-sales
        problem was accepted; the original's cause was then cleared and both
        closed: the problem was counted nowhere (outside audit 54, F1)."""
        problem = self.dresses[1]
        original = self._ticket(
            "Which colour is in stock?", category_id=self.cat_pre.id, user_id=self.agent.id
        )
        original.root_cause_id = self.c_wrong_item
        result, error = self._write("cbo_agent", problem, {"duplicate_id": original.id})
        self.assertFalse(error, error.get("message"))
        easy = self.env["helpdesk.ticket.team"].create(
            {"name": "T-Pre-sales", "require_root_cause": False, "user_ids": self.agent.ids}
        )
        for values in (
            {"root_cause_id": False, "stage_id": self.stage_done.id},
            {"root_cause_id": False, "team_id": easy.id},
        ):
            with self.subTest(values=values):
                self._refused("cbo_agent", original, values, "counted nowhere")
                self.assertEqual(original.root_cause_id, self.c_wrong_item)
                self.assertFalse(original.stage_id.closed)
        self.assertEqual(problem.duplicate_id, original)
        # another cause is still a cause: the problem is counted on it
        result, error = self._write("cbo_agent", original, {"root_cause_id": self.c_missing.id})
        self.assertFalse(error, error.get("message"))

    def test_the_original_is_not_deleted_from_under_its_duplicates(self):
        """A helpdesk manager deleting the original turned its duplicates back into
        ordinary tickets, closed without a cause: deleted with them, it goes."""
        first, second = self.dresses[:2]
        result, error = self._write(
            "cbo_agent", second, {"duplicate_id": first.id, "stage_id": self.stage_done.id}
        )
        self.assertFalse(error, error.get("message"))
        self.authenticate("cbo_cs_manager", "cbo_cs_manager")
        result, error = self._call_kw("helpdesk.ticket", "unlink", [first.ids])
        self.assertIn("is counted for its duplicates", error.get("message", ""), result)
        self.env.invalidate_all()
        self.assertEqual(second.duplicate_id, first)
        result, error = self._call_kw("helpdesk.ticket", "unlink", [(first | second).ids])
        self.assertFalse(error, error.get("message"))
        self.assertFalse((first | second).exists())

    def test_not_a_duplicate_of_a_duplicate(self):
        """B duplicates A; A marked as a duplicate of B made a cycle: neither kept a
        cause, and both closed without one. A third one marked as a duplicate of B
        counts nowhere either, B being no problem of its own."""
        first, second, third = self.dresses[:3]
        result, error = self._write("cbo_agent", second, {"duplicate_id": first.id})
        self.assertFalse(error, error.get("message"))
        self._refused("cbo_agent", first, {"duplicate_id": second.id}, "has duplicates of its own")
        self.assertEqual(first.root_cause_id, self.c_wrong_item)
        self._refused("cbo_agent", third, {"duplicate_id": second.id}, "is itself a duplicate")
        self.assertEqual(third.root_cause_id, self.c_wrong_item)
        # the same through the original's list of duplicates
        self._refused(
            "cbo_agent",
            second,
            {"duplicate_ids": [(4, third.id)]},
            "is itself a duplicate",
        )
        self.assertFalse(third.duplicate_id)

    def test_not_a_duplicate_of_another_companys_ticket(self):
        other = self.env["res.company"].create({"name": "T-Other shop"})
        foreign = self.env["helpdesk.ticket"].create(
            # after-sales: a ticket that counts its problem, but not in our company
            {
                "name": "Their dress",
                "description": "?",
                "company_id": other.id,
                "cs_stage": "after_sales",
            }
        )
        self._refused(
            "cbo_agent",
            self.dresses[1],
            {"duplicate_id": foreign.id},
            "belongs to another company",
        )
        self.assertEqual(self.dresses[1].root_cause_id, self.c_wrong_item)

    def test_not_a_duplicate_of_a_ticket_the_agent_cannot_read(self):
        own = new_test_user(
            self.env,
            login="cbo_own_agent",
            name="Otto Own",
            groups="helpdesk_mgmt.group_helpdesk_user_own",
        )
        self.team.user_ids |= own
        mine = self.dresses[1]
        mine.user_id = own
        hidden = self.dresses[0]
        hidden.user_id = self.cs_manager
        self._refused(
            "cbo_own_agent",
            mine,
            {"duplicate_id": hidden.id},
            "a ticket you cannot read",
        )
        self.assertEqual(mine.root_cause_id, self.c_wrong_item)

    def test_unmarked_it_gets_its_answered_cause_back(self):
        """The warehouse disputed the agent's cause; the agent marked the ticket
        as a duplicate and unmarked it: the cause was gone, the same cause set
        again asked the warehouse again (its dispute and note lost), and his
        'review the classification' to-do was done without a new cause."""
        first, second = self.dresses[:2]
        self._dispute(second, "The scan log shows the right dress")
        summary = "Cause disputed: review the classification"
        self.assertEqual(len(self._todos("cbo_agent", second, summary)), 1)
        for values in ({"duplicate_id": first.id}, {"duplicate_id": False}):
            result, error = self._write("cbo_agent", second, values)
            self.assertFalse(error, error.get("message"))
        self.assertEqual(
            (second.root_cause_id, second.attribution_state, second.attribution_note),
            (self.c_wrong_item, "disputed", "The scan log shows the right dress"),
            "unmarked, as it was",
        )
        self.assertEqual(len(self._todos("cbo_agent", second, summary)), 1, "to review again")
        result, error = self._write("cbo_agent", second, {"root_cause_id": self.c_wrong_item.id})
        self.assertFalse(error, error.get("message"))
        self.assertEqual(second.attribution_state, "disputed", "the same cause asks nothing")
        # confirmed, marked and unmarked: confirmed still; a new cause asks again
        self._as(
            "cbo_wh_mgr",
            "helpdesk.ticket",
            "action_confirm_attribution",
            [first.ids],
            causes=causes_of(first),
        )
        third = self.dresses[2]
        self._write("cbo_agent", first, {"duplicate_id": third.id})
        self._write("cbo_agent", first, {"duplicate_id": False})
        self.assertEqual(first.attribution_state, "confirmed")
        self._write("cbo_agent", first, {"duplicate_id": third.id})
        result, error = self._write(
            "cbo_agent", first, {"duplicate_id": False, "root_cause_id": self.c_missing.id}
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(
            (first.root_cause_id, first.attribution_state), (self.c_missing, "pending")
        )


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestAnsweredCausesTyped(ReclassificationCase):
    """The department's answer window keeps the causes it showed: a value typed
    over RPC instead is refused in plain words, not with a server error."""

    def test_a_typed_value_is_refused_in_plain_words(self):
        ticket = self._ticket(
            "Wrong dress", user_id=self.agent.id, root_cause_id=self.c_wrong_item.id
        )
        wizard = self._as(
            "cbo_wh_mgr",
            "crossborder.attribution.wizard",
            "create",
            [{"ticket_ids": [(6, 0, ticket.ids)], "answer": "confirm"}],
        )
        for typed in ("garbage", [ticket.id], {"x": 1}):
            with self.subTest(typed=typed):
                self._as(
                    "cbo_wh_mgr",
                    "crossborder.attribution.wizard",
                    "write",
                    [[wizard], {"answered_causes": typed}],
                )
                _result, error = self._call_kw(
                    "crossborder.attribution.wizard", "action_apply", [[wizard]]
                )
                self.assertEqual(error.get("name"), "odoo.exceptions.UserError", error)
                self.assertIn("changed since you opened it", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(ticket.attribution_state, "pending")

    def test_an_answer_without_the_causes_it_is_for_is_refused(self):
        """Called over RPC without the window, an answer was for whatever cause the
        ticket had by then (a reclassification in between was confirmed or
        disputed unseen); it names the causes it answers for, as the window does."""
        ticket = self._ticket(
            "Wrong dress", user_id=self.agent.id, root_cause_id=self.c_wrong_item.id
        )
        self.env.flush_all()
        self.authenticate("cbo_wh_mgr", "cbo_wh_mgr")
        for method, kwargs in (
            ("action_confirm_attribution", {}),
            ("action_dispute_attribution", {"note": "Not ours"}),
        ):
            with self.subTest(method=method):
                _result, error = self._call_kw("helpdesk.ticket", method, [ticket.ids], **kwargs)
                self.assertIn("Confirm or Dispute window", error.get("message", ""))
        self.env.invalidate_all()
        self.assertEqual(ticket.attribution_state, "pending")
        # with the cause it read, the answer goes through
        self._as(
            "cbo_wh_mgr",
            "helpdesk.ticket",
            "action_dispute_attribution",
            [ticket.ids],
            note="Not ours",
            causes=causes_of(ticket),
        )
        self.assertEqual(ticket.attribution_state, "disputed")
