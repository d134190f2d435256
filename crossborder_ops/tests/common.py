# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

SHIPPED_LANGUAGES = ("zh_CN", "tr_TR")


def load_shipped_translations(env, module):
    """Activate the languages the suite ships and load ``module``'s .po files, as
    installing a language does (the suite's addons share this in their tests)."""
    for code in SHIPPED_LANGUAGES:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._load_module_terms([module], list(SHIPPED_LANGUAGES))


class HiringCase(TransactionCase):
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

    @contextmanager
    def assertFails(self, exception, pattern):
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)
