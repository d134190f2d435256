# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase, TransactionCase
from odoo.tools import SQL

from odoo.addons.crossborder_ops.tests.common import (
    TourOnALoadedMachine,
    assert_refresh_cost,
    measured_trials,
)

# measuring 5 results or 22 (5 trainees): the stale results, their fields, the lock of
# their trials (one being decided is skipped), their trials, their measures, ONE query
# for the four ticket measures, TWO for the disputes (the tickets, and for whom each
# counts: who classified, whoever holds the ticket now, each of them when disputed
# twice), the UPDATE of the figures, the count of the results left
QUERIES_CS_REFRESH = 10


class TrialMeasureData:
    """A CS trainee's trial with measured expected results, and his tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the refresh works on every running trial: take existing (demo) ones out
        env["crossborder.trial.result"].search([]).sudo().write({"measure_id": False})
        cls.trainee = new_test_user(
            env,
            login="cbo_cs_trainee",
            name="Tara Trainee",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.other = new_test_user(
            env, login="cbo_cs_other", name="Otto Other", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.manager = new_test_user(
            env,
            login="cbo_cs_trial_mgr",
            password="cbo_cs_trial_mgr",
            name="Mona Manager",
            groups="helpdesk_mgmt.group_helpdesk_manager,"
            "crossborder_ops.group_crossborder_ops_user",
        )
        employee = env["hr.employee"].create({"name": "Tara Trainee", "user_id": cls.trainee.id})
        Measure = env["crossborder.trial.measure"]

        def measure(code):
            return env.ref(f"crossborder_ops_helpdesk.crossborder_trial_measure_cs_{code}")

        cls.m_first = measure("first_response")
        cls.m_resolution = measure("resolution")
        cls.m_reopen = measure("reopen_rate")
        cls.m_handled = measure("tickets_handled")
        cls.m_disputes = measure("disputes_lost")
        cls.assertTrue(cls, Measure.browse(cls.m_first.id).available)
        cls.trial = env["crossborder.trial"].create(
            {
                "employee_id": employee.id,
                "manager_id": cls.manager.id,
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 3, 22),
                "result_ids": [
                    (
                        0,
                        0,
                        {"name": "Fast first answers", "measure_id": cls.m_first.id, "target": 4},
                    ),
                    (
                        0,
                        0,
                        {"name": "Solved for good", "measure_id": cls.m_reopen.id, "target": 10},
                    ),
                    (0, 0, {"name": "Volume", "measure_id": cls.m_handled.id, "target": 4}),
                    (
                        0,
                        0,
                        {
                            "name": "Closed in two days",
                            "measure_id": cls.m_resolution.id,
                            "target": 48,
                        },
                    ),
                    (0, 0, {"name": "Right causes", "measure_id": cls.m_disputes.id, "target": 0}),
                    (0, 0, {"name": "Tone of voice"}),
                ],
            }
        )
        cls.r_first, cls.r_reopen, cls.r_handled, cls.r_resolution, cls.r_disputes, cls.r_tone = (
            cls.trial.result_ids.sorted("id")
        )
        # (user, created, first response hours, resolution hours, reopened, disputed)
        rows = [
            # his tickets of the trial
            (cls.trainee, datetime(2026, 3, 2, 0, 0), 1.0, 5.0, 0, False),
            (cls.trainee, datetime(2026, 3, 5, 9, 0), 2.0, 24.0, 1, True),
            (cls.trainee, datetime(2026, 3, 10, 9, 0), 3.0, 30.0, 0, False),
            (cls.trainee, datetime(2026, 3, 15, 9, 0), 10.0, None, 0, False),
            (cls.trainee, datetime(2026, 3, 22, 23, 59), None, None, 0, False),
            # outside the window, or someone else's
            (cls.trainee, datetime(2026, 3, 1, 23, 59), 100.0, 500.0, 2, True),
            (cls.trainee, datetime(2026, 3, 23, 0, 0), 100.0, 500.0, 1, True),
            (cls.other, datetime(2026, 3, 10, 9, 0), 100.0, 500.0, 1, True),
        ]
        Ticket = env["helpdesk.ticket"]
        cls.tickets = Ticket.create(
            [
                {"name": f"T-measure {i}", "description": "x", "user_id": user.id}
                for i, (user, *_rest) in enumerate(rows)
            ]
        )
        env.flush_all()
        for ticket, (_user, created, first, resolution, reopened, disputed) in zip(
            cls.tickets, rows, strict=True
        ):
            # crafted history: when each ticket came, was answered, closed, reopened
            env.cr.execute(
                SQL(
                    """UPDATE helpdesk_ticket SET create_date = %s, first_response_date = %s,
                       first_response_hours = %s, closed_date = %s, resolution_hours = %s,
                       reopen_count = %s, attribution_state = %s, attribution_disputed = %s,
                       closed_by_id = %s,
                       first_response_user_id = %s WHERE id = %s""",
                    created,
                    created if first is not None else None,
                    first or 0.0,
                    created if resolution is not None else None,
                    resolution or 0.0,
                    reopened,
                    "disputed" if disputed else None,
                    disputed,
                    _user.id if resolution is not None else None,  # he closed it
                    _user.id if first is not None else None,  # he answered it
                    ticket.id,
                )
            )
            if disputed:
                env.cr.execute(
                    SQL(
                        "INSERT INTO helpdesk_ticket_disputed_user_rel (ticket_id, user_id) "
                        "VALUES (%s, %s)",
                        ticket.id,
                        _user.id,
                    )
                )
        Ticket.invalidate_model()
        cls.inside = cls.tickets[:5]


@tagged("post_install", "-at_install")
class TestCsTrialMeasures(TrialMeasureData, TransactionCase):
    """A CS trainee's expected results measured from his tickets of the trial."""

    def test_measures_exact_and_windowed(self):
        self.trial.with_user(self.manager).action_refresh_measures()
        # median of 1, 2, 3, 10 (the unanswered ticket is not counted): 2.5 hours
        self.assertEqual(self.r_first.actual, 2.5)
        self.assertEqual(self.r_first.actual_count, 4)
        self.assertEqual(self.r_first.actual_state, "met")
        # one of the three tickets of the trial he closed came back: 33.33 %, the
        # target is 10 at most
        self.assertEqual(self.r_reopen.actual, 33.33)
        self.assertEqual(self.r_reopen.actual_count, 3)
        self.assertEqual(self.r_reopen.actual_state, "not_met")
        self.assertEqual(self.r_reopen.rating, "not_met")
        # the four he answered or closed: the one of the last day waits for his answer
        self.assertEqual(self.r_handled.actual, 4.0)
        self.assertEqual(self.r_handled.rating, "met")
        # median of 5, 24, 30 (the open ones wait)
        self.assertEqual(self.r_resolution.actual, 24.0)
        self.assertEqual(self.r_resolution.actual_count, 3)
        self.assertEqual(self.r_disputes.actual, 1.0)
        self.assertEqual(self.r_disputes.actual_state, "not_met")
        # what no data measures keeps its manual rating
        self.assertFalse(self.r_tone.actual_state)
        self.assertFalse(self.r_tone.rating)

    def test_refresh_sees_what_this_transaction_just_wrote(self):
        self.trial.with_user(self.manager).action_refresh_measures()
        self.assertEqual(self.r_reopen.actual, 33.33)
        # a second of the tickets he closed comes back, written in this very transaction
        ticket = self.inside.filtered(lambda t: not t.reopen_count)[:1]
        ticket.sudo().reopen_count = 1
        self.trial.with_user(self.manager).action_refresh_measures()
        self.assertEqual(self.r_reopen.actual, 66.67)

    def test_records_behind_the_number(self):
        self.trial.with_user(self.manager).action_refresh_measures()
        Ticket = self.env["helpdesk.ticket"]
        cases = [
            (self.r_first, self.inside[:4]),
            (self.r_reopen, self.inside[:3]),
            (self.r_handled, self.inside[:4]),
            (self.r_resolution, self.inside[:3]),
            (self.r_disputes, self.inside[1]),
        ]
        for result, expected in cases:
            action = result.with_user(self.manager).action_open_measured_records()
            self.assertEqual(action["res_model"], "helpdesk.ticket")
            found = Ticket.with_user(self.manager).search(action["domain"])
            self.assertEqual(found, expected, result.name)
            self.assertEqual(len(found), result.actual_count, result.name)

    def test_refresh_idempotent_and_bounded(self):
        Result = self.env["crossborder.trial.result"]
        now = datetime(2026, 3, 20, 12, 0)
        processed, remaining = Result._refresh_measures_batch(batch_size=3, now=now)
        self.assertEqual((processed, remaining), (3, 2))
        processed, remaining = Result._refresh_measures_batch(batch_size=3, now=now)
        self.assertEqual((processed, remaining), (2, 0))
        before = self.trial.result_ids.read(["actual", "actual_count", "actual_state", "rating"])
        # running again in the same hour does nothing; the figures stay
        self.assertEqual(Result._refresh_measures_batch(batch_size=3, now=now), (0, 0))
        self.assertEqual(
            self.trial.result_ids.read(["actual", "actual_count", "actual_state", "rating"]),
            before,
        )
        # an hour later each is measured once more, to the same figures
        later = datetime(2026, 3, 20, 13, 0)
        self.assertEqual(Result._refresh_measures_batch(batch_size=10, now=later), (5, 0))
        self.assertEqual(
            self.trial.result_ids.read(["actual", "actual_count", "actual_state", "rating"]),
            before,
        )

    def test_figures_written_by_the_measure_only(self):
        self.trial.with_user(self.manager).action_refresh_measures()
        with self.assertRaises(AccessError):
            self.r_first.with_user(self.manager).write({"actual": 1.0})
        with self.assertRaises(AccessError):
            self.r_first.with_user(self.manager).write({"actual_domain": "[]"})
        with self.assertRaises(UserError):
            self.r_reopen.with_user(self.manager).write({"rating": "met"})
        # the trainee does not rate himself, nor refresh his own trial
        with self.assertRaises(AccessError):
            self.trial.with_user(self.trainee).action_refresh_measures()
        # the trial has started: its manager keeps the target agreed with the trainee
        with self.assertRaises(UserError):
            self.r_reopen.with_user(self.manager).write({"target": 40})
        with self.assertRaises(UserError):
            self.r_reopen.with_user(self.manager).write({"measure_id": False})
        # an HR manager's new target is measured at once (and said in the chatter)
        hr_manager = new_test_user(
            self.env, login="cbo_cs_hr_manager", groups="hr.group_hr_manager"
        )
        self.r_reopen.with_user(hr_manager).write({"target": 40})
        self.assertEqual(self.r_reopen.actual_state, "met")
        self.assertEqual(self.r_reopen.rating, "met")
        self.assertIn("10.0 → 40.0", self.trial.message_ids[0].body)
        # unbound, it is rated by hand again
        self.r_reopen.with_user(hr_manager).write({"measure_id": False})
        self.assertFalse(self.r_reopen.actual_state)
        self.r_reopen.with_user(self.manager).write({"rating": "partly"})
        self.assertEqual(self.r_reopen.rating, "partly")

    def test_refresh_cost_does_not_grow_with_trainees(self):
        """The five ticket measures of every trainee are read together: the refresh
        costs the same queries for one trainee or many, each with his own figures."""
        Result = self.env["crossborder.trial.result"]
        Result._refresh_measures_batch(batch_size=100, now=datetime(2026, 3, 20, 12))
        assert_refresh_cost(self, QUERIES_CS_REFRESH, datetime(2026, 3, 20, 13), 5)
        # Otto on a trial too, with two of the measures, and three trainees without
        # tickets with all five; rated already as they measure (no rating to write:
        # what is counted is the measuring)
        users = self.other | self.env["res.users"].create(
            [{"name": f"Newcomer {i}", "login": f"cbo_cs_newcomer_{i}"} for i in range(3)]
        )
        otto = {self.m_handled: "met", self.m_disputes: "not_met"}
        newcomer = {
            self.m_handled: "not_met",
            self.m_disputes: "met",
            self.m_first: False,
            self.m_resolution: False,
            self.m_reopen: False,
        }
        ratings = dict.fromkeys(users, newcomer) | {users[0]: otto}
        trials = measured_trials(
            self.env, users, ratings, date(2026, 3, 2), date(2026, 3, 22), self.m_disputes
        )
        assert_refresh_cost(self, QUERIES_CS_REFRESH, datetime(2026, 3, 20, 14), 5 + 2 + 3 * 5)
        otto_results = trials[0].result_ids.sorted("id")
        self.assertEqual(otto_results.mapped("actual"), [1.0, 1.0])
        self.assertEqual(otto_results.mapped("actual_state"), ["met", "not_met"])
        self.assertEqual(set(trials[1:].result_ids.mapped("actual_count")), {0})
        self.assertEqual(self.r_handled.actual, 4.0)
        self.assertEqual(self.r_first.actual, 2.5)

    def test_decision_wizard_lays_out_fresh_figures(self):
        wizard = (
            self.env["crossborder.trial.decision"]
            .with_user(self.manager)
            .with_context(default_trial_id=self.trial.id)
            .create({"decision": "extend"})
        )
        self.assertEqual(wizard.result_ids, self.trial.result_ids)
        self.assertEqual(self.r_first.actual, 2.5)
        self.assertTrue(self.r_first.actual_date)


@tagged("post_install", "-at_install")
class TestTrialMeasureTour(TourOnALoadedMachine, TrialMeasureData, HttpCase):
    def test_manager_sees_measured_results_and_decides(self):
        self.start_tour(
            f"/odoo/action-crossborder_ops.crossborder_trial_action/{self.trial.id}",
            "crossborder_trial_measured_decision",
            login="cbo_cs_trial_mgr",
        )
        self.assertEqual(self.trial.state, "extended")
        self.assertEqual(self.r_first.actual, 2.5)
        self.assertEqual(self.r_reopen.rating, "not_met")
