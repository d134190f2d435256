# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A duplicate has no cost of its own, on every path that gives it one: a credit
note of the ticket cancelled before it was marked, then reset to draft and
posted again by the accountant, counted its refund on a ticket without a cause."""

from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import JsonRpc
from .test_problem_cost import CostData


@tagged("post_install", "-at_install")
class TestDuplicateCostAttacks(JsonRpc, CostData, HttpCase):
    def _as(self, login, model, method, args, **kwargs):
        self.env.flush_all()
        self.authenticate(login, login)
        result, error = self._call_kw(model, method, args, **kwargs)
        self.env.invalidate_all()
        return result, error

    def test_a_cancelled_refund_is_not_revived_on_a_duplicate(self):
        original = self._ticket("Lamp arrived broken", self.c_wrong, user_id=self.agent.id)
        again = self._ticket("Lamp broken, again", self.c_wrong, user_id=self.agent.id)
        credit_note = self._refund_with_the_button(again)
        credit_note.button_draft()
        credit_note.button_cancel()
        _result, error = self._as(
            "cbo_sale_agent", "helpdesk.ticket", "write", [again.ids, {"duplicate_id": original.id}]
        )
        self.assertFalse(error, error.get("message"))
        self.assertEqual(again.duplicate_id, original)
        _result, error = self._as(
            "cbo_accountant", "account.move", "button_draft", [credit_note.ids]
        )
        self.assertRegex(error.get("message", ""), "is a duplicate of")
        self.assertEqual(credit_note.state, "cancel")
        _result, error = self._as(
            "cbo_accountant", "account.move", "action_post", [credit_note.ids]
        )
        self.assertEqual(credit_note.state, "cancel", error)
        self.assertEqual(again.problem_cost, 0.0)
