# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import Form, new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

SHIPPED_LANGUAGES = ("zh_CN", "tr_TR")


def load_shipped_translations(env, module):
    """Activate the languages the suite ships and load ``module``'s .po files, as
    installing a language does (the suite's addons share this in their tests)."""
    for code in SHIPPED_LANGUAGES:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._load_module_terms([module], list(SHIPPED_LANGUAGES))


def measured_trials(env, users, ratings, start, end, zero_target=None):
    """Trials of ``users`` (an employee each, ``start`` to ``end``) whose results
    are bound to measures: ``ratings`` {user: {measure: rating}}, the target 1
    (0 for ``zero_target``). Returned as the scheduled action finds them: cache
    empty, the settings' cache as a running server has it."""
    employees = env["hr.employee"].create([{"name": u.name, "user_id": u.id} for u in users])
    trials = env["crossborder.trial"].create(
        [
            {
                "employee_id": employee.id,
                "date_start": start,
                "date_end": end,
                "result_ids": [
                    Command.create(
                        {
                            "name": measure.name,
                            "measure_id": measure.id,
                            "target": 0 if measure == zero_target else 1,
                            "rating": rating,
                        }
                    )
                    for measure, rating in ratings[user].items()
                ],
            }
            for user, employee in zip(users, employees, strict=True)
        ]
    )
    env.invalidate_all()
    env["res.config.settings"]._crossborder_param("trial_measure_hours")
    return trials


def trial_of(user, manager, start, end, targets):
    """The trial of ``user`` (an employee made for him) led by ``manager``, from
    ``start`` to ``end``, with an expected result per (name, measure, target) of
    ``targets``: the trial and its results in that order."""
    env = user.env
    employee = env["hr.employee"].create({"name": user.name, "user_id": user.id})
    trial = env["crossborder.trial"].create(
        {
            "employee_id": employee.id,
            "manager_id": manager.id,
            "date_start": start,
            "date_end": end,
            "result_ids": [
                Command.create({"name": name, "measure_id": measure.id, "target": target})
                for name, measure, target in targets
            ],
        }
    )
    return trial, trial.result_ids.sorted("id")


def assert_refresh_cost(case, queries, now, refreshed):
    """One batch of the measure refresh at ``now``, as the scheduled action finds it
    (cache empty): ``refreshed`` results measured, none left, in ``queries`` queries
    (the suite's addons share this to show that the cost does not grow with the
    trainees)."""
    case.env.invalidate_all()
    with case.assertQueryCount(queries):
        case.assertEqual(
            case.env["crossborder.trial.result"]._refresh_measures_batch(batch_size=100, now=now),
            (refreshed, 0),
        )


class FailsWith:
    """assertFails for the suite's test cases."""

    @contextmanager
    def assertFails(self, exception, pattern):
        """assertRaises (savepoint, nothing kept) plus a check of the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)


class TourOnALoadedMachine:
    """Browser tours that a loaded machine does not fail by itself. When Chrome
    dies or stops answering before the tour's first step (Odoo raises it as is,
    not as a failed step), the tour runs once more in a new browser, and the log
    says so ("browser retried"). A step that fails, a tour that runs out of time
    and an error the page logged fail the test as before: the second run has no
    say on them, and the log gate counts what the page logged."""

    def start_tour(self, url_path, tour_name, **kwargs):
        try:
            return super().start_tour(url_path, tour_name, **kwargs)
        except self.failureException:
            raise
        except Exception as exc:  # noqa: BLE001 - the browser's, before any step ran
            if "startTour(" in str(exc):  # the tour's own run timed out: steps ran
                raise
            logging.getLogger(__name__).info(
                "browser retried: tour %s had no browser (%r); once more", tour_name, exc
            )
        return super().start_tour(url_path, tour_name, **kwargs)


class JsonRpc:
    """The web client's own JSON-RPC, as the user the HttpCase authenticated: what a
    role can do from outside. The server logs the refusals it answers as warnings,
    expected here."""

    def _rpc(self, url, params):
        with mute_logger("odoo.http"):
            response = self.url_open(
                url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            )
        body = response.json()
        return body.get("result"), body.get("error", {}).get("data", {})

    def _call_kw(self, model, method, args, **kwargs):
        """(result, error data) of a call of the logged-in session."""
        return self._rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )


class HiringCase(FailsWith, TransactionCase):
    """A part-time CS agent position with delegated tasks, and the people around it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the scheduled actions work on every record: take existing (demo) ones out
        env["crossborder.skill.test.invitation"].search([]).write({"is_late": True})
        env["crossborder.trial"].search([]).write({"reminder_sent": True})
        cls.officer = new_test_user(
            env,
            login="cbo_officer",
            name="Olivia Officer",
            groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user",
        )
        cls.reviewer_a = new_test_user(
            env,
            login="cbo_rev_a",
            name="Rita Reviewer",
            groups="hr_recruitment.group_hr_recruitment_interviewer",
        )
        cls.reviewer_b = new_test_user(
            env,
            login="cbo_rev_b",
            name="Ravi Reviewer",
            groups="hr_recruitment.group_hr_recruitment_interviewer",
        )
        cls.usd = env.ref("base.USD")
        cls.job = env["hr.job"].create(
            {
                "name": "Cross-border CS agent (part-time student)",
                "employment_kind": "part_time_student",
                "weekly_hours": 20,
                "pay_rate": 15.38,
                "pay_unit": "hour",
                "pay_currency_id": env.ref("base.GBP").id,
                "location_mode": "remote",
                "overlap_hours": 4,
                "trial_days": 21,
                "pass_mark": 60,
                "interviewer_ids": [(6, 0, cls.reviewer_a.ids)],
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Answer buyer messages",
                            "value_class": "low",
                            "minutes_per_occurrence": 20,
                            "occurrences_per_week": 15,
                            "expected_result": "first answer within 4 hours",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Write product descriptions",
                            "value_class": "low",
                            "minutes_per_occurrence": 40,
                            "occurrences_per_week": 5,
                            "expected_result": "two listings a day without errors",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Negotiate with suppliers",
                            "value_class": "high",
                            "minutes_per_occurrence": 60,
                            "occurrences_per_week": 1,
                        },
                    ),
                ],
            }
        )
        cls.other_job = env["hr.job"].create(
            {"name": "Image processing", "interviewer_ids": [(6, 0, cls.reviewer_b.ids)]}
        )
        cls.test = env["crossborder.skill.test"].create(
            {"name": "CS agent test", "job_id": cls.job.id, "rubric_share": 60}
        )
        cls.test.action_generate_survey()

    @classmethod
    def _applicant(cls, name, job=None, **values):
        return cls.env["hr.applicant"].create(
            {
                "partner_name": name,
                "email_from": f"{name.split()[0].lower()}@example.com",
                "job_id": (job or cls.job).id,
                **values,
            }
        )

    def _send(self, applicants, hours=48, test=None):
        """Send the skill test as a recruitment officer does, from the wizard; return
        the new invitations."""
        test = test or self.test
        before = applicants.invitation_ids
        wizard = Form(
            self.env["crossborder.skill.test.send"]
            .with_user(self.officer)
            .with_context(default_applicant_ids=applicants.ids, default_job_id=test.job_id.id)
        )
        wizard.skill_test_id = test
        wizard.deadline = fields.Datetime.now() + timedelta(hours=hours)
        wizard.save().action_send()
        applicants.invalidate_recordset(["invitation_ids"])
        return (applicants.invitation_ids - before).sorted("id")

    def _submit(self, invitation, at, answers=None):
        """Answer like the applicant would, then close the answer at ``at``."""
        answer = invitation.user_input_id.sudo()  # the public survey controller answers as sudo
        for question in answer.predefined_question_ids:
            if question.question_type == "text_box":
                answer._save_lines(question, (answers or {}).get(question.title, "My answer"))
            else:
                correct = question.suggested_answer_ids.filtered("is_correct")
                answer._save_lines(question, correct.id)
        answer.write(
            {"state": "done", "start_datetime": at - timedelta(minutes=25), "end_datetime": at}
        )
