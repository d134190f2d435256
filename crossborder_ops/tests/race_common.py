# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hiring raced for real: a position with a skill test sent to an applicant and
submitted, committed on its own connection, and two calls run on two database
connections as two servers would (the second retried like a request)."""

import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import new_test_user

from .concurrency import RaceCase, race


class HiringRaceCase(RaceCase):
    """``self.ids``: the fixture's ids, committed (and deleted after the test):
    ``reviewer_a``, ``reviewer_b`` (interviewers of the position), ``officer``
    and ``officer_b`` (recruitment and HR officers), ``job``, ``test``, ``survey``,
    ``applicant``, ``invitation`` (sent unless ``sent`` is False, submitted unless
    ``submitted`` is False), ``criteria`` (three, weights 300, 200, 100, at most 5
    each)."""

    sent = True
    submitted = True

    def setUp(self):
        super().setUp()
        self.tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.ids = self._make_fixture(env)
        self.addCleanup(self._delete_fixtures)

    def _make_fixture(self, env):
        tag = self.tag
        reviewers = [
            new_test_user(
                env,
                login=f"race_rev_{name}_{tag}",
                name=f"{name.upper()} {tag}",
                groups="hr_recruitment.group_hr_recruitment_interviewer",
            )
            for name in ("a", "b")
        ]
        officer, officer_b = (
            new_test_user(
                env,
                login=f"race_off_{name}_{tag}",
                name=f"{name} {tag}",
                groups="hr_recruitment.group_hr_recruitment_user,hr.group_hr_user",
            )
            for name in ("Olga", "Omar")
        )
        job = env["hr.job"].create(
            {
                "name": f"Race CS agent {tag}",
                "interviewer_ids": [(6, 0, [r.id for r in reviewers])],
                "task_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Task {n}",
                            "value_class": "low",
                            "minutes_per_occurrence": 10,
                            "occurrences_per_week": weekly,
                            "expected_result": f"result {n}",
                            "sequence": n,
                        },
                    )
                    for n, weekly in ((1, 30), (2, 20), (3, 10))
                ],
            }
        )
        test = env["crossborder.skill.test"].create(
            {"name": f"Race test {tag}", "job_id": job.id, "include_situational": False}
        )
        test.action_generate_survey()
        applicant = env["hr.applicant"].create(
            {"partner_name": f"Ada {tag}", "email_from": f"ada_{tag}@example.com", "job_id": job.id}
        )
        invitation = env["crossborder.skill.test.invitation"]
        if self.sent:
            invitation = applicant._crossborder_send_test(
                test, fields.Datetime.now() + timedelta(hours=48), send_email=False
            )
        if self.sent and self.submitted:
            self._submit(invitation, fields.Datetime.now())
        return {
            "reviewer_a": reviewers[0].id,
            "reviewer_b": reviewers[1].id,
            "officer": officer.id,
            "officer_b": officer_b.id,
            "job": job.id,
            "test": test.id,
            "survey": test.survey_id.id,
            "applicant": applicant.id,
            "invitation": invitation.id,
            "criteria": test.criterion_ids.sorted("id").ids,
        }

    @staticmethod
    def _submit(invitation, at):
        """The applicant's answers, closed at ``at`` (the survey controller answers as
        superuser)."""
        answer = invitation.user_input_id.sudo()
        for question in answer.predefined_question_ids:
            answer._save_lines(question, "My answer")
        answer.write(
            {"state": "done", "start_datetime": at - timedelta(minutes=20), "end_datetime": at}
        )

    def _delete_fixtures(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            applicants = env["hr.applicant"].search([("job_id", "=", self.ids["job"])])
            # trials and submitted tests are kept by the models: the fixture goes by SQL
            employees = applicants.employee_id | env["hr.employee"].browse(
                self.ids.get("employee") or []
            )
            cr.execute(
                "DELETE FROM crossborder_trial WHERE applicant_id = ANY(%s) "
                "OR employee_id = ANY(%s)",
                [applicants.ids, employees.ids],
            )
            cr.execute(
                "DELETE FROM crossborder_skill_test_invitation WHERE applicant_id = ANY(%s)",
                [applicants.ids],
            )
            applicants.unlink()
            employees.unlink()
            env["survey.survey"].browse(self.ids["survey"]).unlink()
            env["crossborder.skill.test"].browse(self.ids["test"]).unlink()
            env["hr.job"].browse(self.ids["job"]).unlink()
            env["res.users"].browse(
                [self.ids[key] for key in ("reviewer_a", "reviewer_b", "officer", "officer_b")]
            ).unlink()

    def _race(self, first_call, second_call, first_user, second_user):
        """``race`` of ``first_call`` as ``first_user`` and ``second_call`` as
        ``second_user``."""
        return race(self.registry, first_call, second_call, first_user, second_user)

    def _read(self, query, params):
        """One row, read on a fresh connection once the race is over."""
        with self.registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchone()
