# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A CS trainee's measured results from outside (the web client's JSON-RPC): the
owner decides his contract on them, so tickets the trainee types in and closes at
once, or tickets a colleague hands him after doing the work, must not move them."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase

from odoo.addons.crossborder_ops.tests.common import JsonRpc, trial_of


@tagged("post_install", "-at_install")
class TestTrialMeasureFakes(JsonRpc, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the refresh works on every running trial: take existing (demo) ones out
        env["crossborder.trial.result"].search([]).sudo().write({"measure_id": False})
        cls.trainee = new_test_user(
            env,
            login="cbo_fake_trainee",
            name="Jonas-like Trainee",
            groups="helpdesk_mgmt.group_helpdesk_user_own,crossborder_ops.group_crossborder_ops_user",
        )
        cls.colleague = new_test_user(
            env,
            login="cbo_fake_colleague",
            name="Ahmet-like Colleague",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.owner = new_test_user(
            env,
            login="cbo_fake_owner",
            name="Owner",
            groups="helpdesk_mgmt.group_helpdesk_manager,crossborder_ops.group_crossborder_ops_user",
        )
        cls.customer = env["res.partner"].create(
            {"name": "Buyer Berlin", "email": "buyer.berlin@example.com"}
        )
        cls.other_customer = env["res.partner"].create(
            {"name": "Buyer Lyon", "email": "buyer.lyon@example.com"}
        )
        cls.stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

        def measure(code):
            return env.ref(f"crossborder_ops_helpdesk.crossborder_trial_measure_cs_{code}")

        today = fields.Date.context_today(cls.trainee)
        cls.trial, results = trial_of(
            cls.trainee,
            cls.owner,
            today - timedelta(days=10),
            today + timedelta(days=10),
            [
                ("Fast", measure("first_response"), 4),
                ("Volume", measure("tickets_handled"), 5),
                ("Solved", measure("reopen_rate"), 10),
                ("Closed", measure("resolution"), 48),
            ],
        )
        cls.r_first, cls.r_handled, cls.r_reopen, cls.r_resolution = results

    # ------------------------------------------------------------------
    def _customer_ticket(self, name, user, hours_ago):
        """A ticket the customer opened by e-mail (the mail gateway, the system),
        ``hours_ago`` hours ago, given to ``user``."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": "<p>help</p>",
                "partner_id": self.customer.id,
                "user_id": user.id,
            }
        )
        ticket.flush_recordset()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = now() at time zone 'UTC' - %s * interval "
            "'1 hour' WHERE id = %s",
            (hours_ago, ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])
        return ticket

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def _ok(self, model, method, *args, **kwargs):
        result, error = self._call_kw(model, method, list(args), **kwargs)
        self.assertFalse(error, f"{model}.{method}: {error.get('message')}")
        return result

    def _answer_and_close(self, ticket_id, partner, **kwargs):
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [ticket_id],
            body="Hello, here is the answer to your question: the cable is in the box.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[partner.id],
            **kwargs,
        )
        self._ok(
            "helpdesk.ticket", "write", [ticket_id], {"stage_id": self.stage_done.id}, **kwargs
        )

    def _figures(self):
        """The owner refreshes the trial and reads its measured results, with the
        tickets behind each number."""
        self._as(self.owner)
        self._ok("crossborder.trial", "action_refresh_measures", [self.trial.id])
        results = self.trial.result_ids.sorted("id")
        rows = self._ok("crossborder.trial.result", "read", results.ids, ["actual", "actual_count"])
        figures = {}
        for result, row in zip(results, rows, strict=True):
            action = self._ok(
                "crossborder.trial.result", "action_open_measured_records", [result.id]
            )
            behind = self._ok(
                "helpdesk.ticket",
                "search",
                action["domain"],
                context={"active_test": False},
            )
            self.assertEqual(len(behind), row["actual_count"], result.name)
            figures[result.name] = (round(row["actual"], 1), row["actual_count"], set(behind))
        return figures

    def _genuine_work(self):
        """His real work: two tickets from the customer answered after 6 and 4
        hours and closed (one came back), and a phone call he logged himself on
        which the customer then wrote by e-mail, closed by him."""
        t1 = self._customer_ticket("Which cable comes with the lamp?", self.trainee, 6)
        t2 = self._customer_ticket("My parcel has not moved", self.trainee, 4)
        self._as(self.trainee)
        self._answer_and_close(t1.id, self.customer)
        self._answer_and_close(t2.id, self.customer)
        call = self._ok(
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": "Phone: wrong size delivered",
                    "description": "<p>called</p>",
                    "partner_id": self.customer.id,
                    "user_id": self.trainee.id,
                }
            ],
        )[0]
        # the customer writes on it by e-mail (the mail gateway)
        self.env["helpdesk.ticket"].browse(call).message_post(
            body="As said on the phone: size M arrived, I ordered L.",
            author_id=self.customer.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self._ok("helpdesk.ticket", "write", [call], {"stage_id": self.stage_done.id})
        # the parcel's buyer came back: reopened
        t2.write({"stage_id": self.stage_new.id})
        t2.write({"stage_id": self.stage_done.id})
        self.assertEqual(t2.sudo().reopen_count, 1)
        return t1, t2, self.env["helpdesk.ticket"].browse(call)

    def _assert_genuine(self, figures, t1, t2, call):
        first, first_count, first_behind = figures["Fast"]
        self.assertAlmostEqual(first, 5.0, delta=0.1)  # median of 6 h and 4 h
        self.assertEqual((first_count, first_behind), (2, {t1.id, t2.id}))
        self.assertEqual(figures["Volume"], (3.0, 3, {t1.id, t2.id, call.id}))
        self.assertEqual(figures["Solved"], (33.3, 3, {t1.id, t2.id, call.id}))
        self.assertEqual(figures["Closed"][1:], (3, {t1.id, t2.id, call.id}))

    # ------------------------------------------------------------------
    def test_trainee_own_tickets_closed_at_once_do_not_count(self):
        """F1: tickets he types in and closes at once, with a customer picked from
        the list, answered or created closed, are not his customers' work."""
        genuine = self._genuine_work()
        self._assert_genuine(self._figures(), *genuine)
        self._as(self.trainee)
        # a ticket with a customer from the list, answered at once, closed
        fake = self._ok(
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": "Question about lamp",
                    "description": "<p>x</p>",
                    "partner_id": self.other_customer.id,
                    "user_id": self.trainee.id,
                }
            ],
        )[0]
        self._answer_and_close(fake, self.other_customer)
        # three created in a closed stage at once
        born_closed = self._ok(
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": f"Born closed {i}",
                    "description": "<p>x</p>",
                    "partner_id": self.other_customer.id,
                    "user_id": self.trainee.id,
                    "stage_id": self.stage_done.id,
                }
                for i in range(3)
            ],
        )
        self.assertEqual(len(born_closed), 3)
        # his own note "from" the customer is still his note
        self._ok(
            "helpdesk.ticket",
            "message_post",
            [born_closed[0]],
            body="Customer said thanks on the phone",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self._assert_genuine(self._figures(), *genuine)

    def test_changing_the_customer_keeps_a_ticket_counted(self):
        """A phone call he typed in, on which the customer then wrote, left all
        his measures once he changed or cleared its customer, and the chatter
        did not show the change (outside audit 32, A1)."""
        genuine = self._genuine_work()
        call = genuine[2]
        for partner in (self.other_customer, self.other_customer.browse()):
            self._as(self.trainee)
            self._ok("helpdesk.ticket", "write", [call.id], {"partner_id": partner.id})
            self._assert_genuine(self._figures(), *genuine)
        tracked = call.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "partner_id"
        )
        self.assertEqual(
            tracked.mapped("old_value_char"), ["Buyer Lyon", "Buyer Berlin"], "on record"
        )

    def test_a_ticket_stays_in_his_companies(self):
        """Put in a company he does not work in, his ticket left his and his
        colleagues' lists while it counted in his measures (outside audit 33,
        H1)."""
        genuine = self._genuine_work()
        other = self.env["res.company"].create({"name": "Chicago branch"})
        self._as(self.trainee)
        result, error = self._call_kw(
            "helpdesk.ticket", "write", [[genuine[2].id], {"company_id": other.id}]
        )
        self.assertIn("company you work in", error.get("message", ""), result)
        result, error = self._call_kw(
            "helpdesk.ticket",
            "create",
            [[{"name": "Elsewhere", "description": "<p>x</p>", "company_id": other.id}]],
        )
        self.assertIn("company you work in", error.get("message", ""), result)
        self.assertEqual(genuine[2].company_id, self.env.company)

    def test_colleague_work_handed_to_trainee_does_not_count(self):
        """F4: a colleague's ticket answered and closed by her, then given to him,
        and one she types in for him already closed, are not his work."""
        genuine = self._genuine_work()
        hers = self._customer_ticket("Invoice with VAT number", self.colleague, 2)
        self._as(self.colleague)
        self._answer_and_close(hers.id, self.customer)
        self.assertEqual(hers.sudo().closed_by_id, self.colleague)
        self._ok("helpdesk.ticket", "write", [hers.id], {"user_id": self.trainee.id})
        self._ok(
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": "Typed in for him",
                    "description": "<p>x</p>",
                    "user_id": self.trainee.id,
                    "stage_id": self.stage_done.id,
                }
            ],
        )
        # one she types in for him, that he answers and closes at once: no customer
        # ever wrote on it
        for_him = self._ok(
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": "Typed in for him, open",
                    "description": "<p>x</p>",
                    "partner_id": self.other_customer.id,
                    "user_id": self.trainee.id,
                }
            ],
        )[0]
        self._as(self.trainee)
        self._answer_and_close(for_him, self.other_customer)
        self.assertEqual(self.env["helpdesk.ticket"].browse(hers.id).user_id, self.trainee)
        self._assert_genuine(self._figures(), *genuine)

    def test_tickets_of_another_company_are_not_his_trials(self):
        """He also helps out in the group's other company: the tickets he handled
        there are not those of his trial's company, whose decider could not open
        them (outside audit 47, A3)."""
        other = self.env["res.company"].create({"name": "Crossborder US Co"})
        self.trainee.company_ids |= other
        there = self._customer_ticket("Where is my order?", self.trainee, 5)
        there.company_id = other
        here = self._customer_ticket("Which cable comes with the lamp?", self.trainee, 6)
        self._as(self.trainee)
        both = {"allowed_company_ids": [self.env.company.id, other.id]}
        for ticket in there | here:
            self._answer_and_close(ticket.id, self.customer, context=both)
        self.assertTrue(there.first_response_user_id == there.closed_by_id == self.trainee)
        figures = self._figures()
        self.assertEqual(figures["Volume"], (1.0, 1, {here.id}))
        self.assertEqual(figures["Solved"][2], {here.id})
