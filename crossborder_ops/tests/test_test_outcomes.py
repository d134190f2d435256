# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Skill tests judged by their outcomes (issue 16): on a known set of hires, the
exact rates per criterion, the sample sizes and the plain reading."""

from datetime import date, datetime

from odoo.tests import tagged
from odoo.tools import SQL

from ..hiring.outcomes import Split, verdict
from .common import HiringCase

# i: (translation /5, customs /5, test passed, trial, still employed, source)
HIRES = [
    (5, 4, True, "confirmed", True, "a"),
    (4, 4, True, "confirmed", False, "a"),
    (4, 1, True, "confirmed", True, "a"),
    (3, 2, True, "confirmed", False, "a"),
    (5, 0, True, "confirmed", True, "a"),
    (3, 5, True, "ended", False, "a"),
    (1, 3, True, "confirmed", True, "a"),
    (2, 4, True, "ended", False, "a"),
    (0, 5, True, "ended", True, "a"),
    (1, 1, True, "ended", False, "b"),
    (2, 2, False, "ended", True, "b"),
    (0, 0, False, "ended", False, "b"),
]


@tagged("post_install", "-at_install", "crossborder_ops")
class TestTestOutcomes(HiringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Criterion = env["crossborder.rubric.criterion"]
        cls.translation = Criterion.create(
            {"skill_test_id": cls.test.id, "name": "Translation", "max_score": 5}
        )
        cls.customs = Criterion.create(
            {"skill_test_id": cls.test.id, "name": "Situational: customs", "max_score": 5}
        )
        sources = {key: env["utm.source"].create({"name": f"T-source {key}"}) for key in ("a", "b")}
        cls.source_a, cls.source_b = sources["a"], sources["b"]
        applicants = env["hr.applicant"]
        for i, (_t, _c, _p, _trial, _kept, source) in enumerate(HIRES):
            applicants |= cls._applicant(f"Hire {i}", source_id=sources[source].id)
        # not hired: graded, but no outcome to judge by
        cls.not_hired = cls._applicant("Never Hired", source_id=cls.source_a.id)
        Invitation = env["crossborder.skill.test.invitation"]
        invitations = Invitation.create(
            [
                {
                    "applicant_id": a.id,
                    "skill_test_id": cls.test.id,
                    "deadline": datetime(2020, 1, 1),
                }
                for a in applicants | cls.not_hired
            ]
        )
        employees = env["hr.employee"].create([{"name": f"Hire {i}"} for i in range(len(HIRES))])
        trials = env["crossborder.trial"].create(
            [
                {
                    "employee_id": employee.id,
                    "applicant_id": applicant.id,
                    "job_id": cls.job.id,
                    "date_start": date(2020, 1, 6),
                    "date_end": date(2020, 1, 27),
                }
                for employee, applicant in zip(employees, applicants, strict=True)
            ]
        )
        env.flush_all()
        cr = env.cr
        # crafted history: graded tests, hires in 2020, decided trials, departures
        for invitation, row in zip(invitations, HIRES + [(5, 5, True)], strict=True):
            cr.execute(
                SQL(
                    "UPDATE crossborder_skill_test_invitation SET state = 'graded', "
                    "passed = %s, final_score = %s WHERE id = %s",
                    row[2],
                    80 if row[2] else 30,
                    invitation.id,
                )
            )
        for applicant, employee, trial, row in zip(
            applicants, employees, trials, HIRES, strict=True
        ):
            cr.execute(
                SQL(
                    "UPDATE hr_applicant SET date_closed = %s, employee_id = %s WHERE id = %s",
                    datetime(2020, 1, 6),
                    employee.id,
                    applicant.id,
                )
            )
            cr.execute(
                SQL("UPDATE crossborder_trial SET state = %s WHERE id = %s", row[3], trial.id)
            )
            if not row[4]:
                cr.execute(
                    SQL(
                        "UPDATE hr_version SET departure_date = %s WHERE employee_id = %s",
                        date(2020, 3, 1),
                        employee.id,
                    )
                )
                cr.execute(SQL("UPDATE hr_employee SET active = false WHERE id = %s", employee.id))
        # the reviewer's grades (submitted tests only take grades: crafted here)
        for invitation, row in zip(invitations, HIRES + [(5, 5)], strict=True):
            for criterion, score in ((cls.translation, row[0]), (cls.customs, row[1])):
                cr.execute(
                    SQL(
                        "INSERT INTO crossborder_grade (invitation_id, criterion_id, "
                        "reviewer_id, score) VALUES (%s, %s, %s, %s)",
                        invitation.id,
                        criterion.id,
                        cls.reviewer_a.id,
                        score,
                    )
                )
        env.invalidate_all()
        env["ir.config_parameter"].set_param("crossborder_ops.outcome_min_sample", 10)
        env["ir.config_parameter"].set_param("crossborder_ops.outcome_min_gap", 20)

    def _line(self, criterion=None, source=None, all_sources=None):
        lines = self.env["crossborder.test.outcome.report"].search(
            [
                ("job_id", "=", self.job.id),
                ("criterion_id", "=", criterion.id if criterion else False),
                ("source_id", "=", source.id if source else False),
                ("all_sources", "=", not source if all_sources is None else all_sources),
            ]
        )
        self.assertEqual(len(lines), 1)
        return lines

    def test_criterion_that_predicts_trial_success(self):
        line = self._line(self.translation)
        # did well (>= 3 of 5): hires 0-5, 5 of 6 confirmed; others: 1 of 6
        self.assertEqual(
            (line.trial_high_n, line.trial_high_ok, line.trial_low_n, line.trial_low_ok),
            (6, 5, 6, 1),
        )
        self.assertEqual(line.trial_n, 12)
        self.assertAlmostEqual(line.trial_high_rate, 83.3, places=1)
        self.assertAlmostEqual(line.trial_low_rate, 16.7, places=1)
        self.assertEqual(line.trial_verdict, "predicts")
        self.assertEqual(
            line.trial_reading,
            "Translation predicts trial success (n = 12: 83 % of those who did well, "
            "17 % of the others)",
        )
        # staying: 3 of 6 either way
        self.assertEqual(
            (line.retention_high_n, line.retention_high_ok, line.retention_low_ok), (6, 3, 3)
        )
        self.assertEqual(line.retention_verdict, "no")

    def test_criterion_that_does_not_predict(self):
        line = self._line(self.customs)
        # did well: hires 0, 1, 5, 6, 7, 8 -> 3 of 6; others 2, 3, 4, 9, 10, 11 -> 3 of 6
        self.assertEqual(
            (line.trial_high_n, line.trial_high_ok, line.trial_low_n, line.trial_low_ok),
            (6, 3, 6, 3),
        )
        self.assertEqual(line.trial_verdict, "no")
        self.assertEqual(
            line.trial_reading,
            "Situational: customs does not predict trial success (n = 12: 50 % against 50 %)",
        )

    def test_test_as_a_whole_and_too_few_per_source(self):
        line = self._line()
        self.assertEqual(line.factor, "Test passed")
        self.assertEqual(
            (line.trial_high_n, line.trial_high_ok, line.trial_low_n, line.trial_low_ok),
            (10, 6, 2, 0),
        )
        self.assertEqual(line.hired_count, 12, "the applicant never hired is not counted")
        self.assertEqual(line.trial_verdict, "predicts")
        small = self._line(self.translation, self.source_b)
        self.assertEqual(small.trial_n, 3)
        self.assertEqual(small.trial_verdict, "too_few")
        self.assertEqual(small.trial_reading, "Translation: too few to tell trial success (n = 3)")
        self.assertEqual(self._line(self.translation, self.source_a).trial_n, 9)

    def test_hires_without_a_source_are_not_all_sources(self):
        """The line of all sources together and the line of hires without a source
        both had no source: "All sources together" counted some hires twice."""
        self.env["hr.applicant"].search([("partner_name", "=", "Hire 11")]).source_id = False
        self.env.flush_all()
        everyone, unsourced = self._line(), self._line(all_sources=False)
        self.assertEqual((everyone.hired_count, unsourced.hired_count), (12, 1))
        self.assertEqual(
            (everyone.source_label, unsourced.source_label), ("All sources", "No source")
        )
        [total] = self.env["crossborder.test.outcome.report"]._read_group(
            [("job_id", "=", self.job.id), ("all_sources", "=", True)],
            aggregates=["hired_count:sum", "trial_high_n:sum"],
        )
        self.assertEqual(total, (36, 6 + 6 + 10), "each hire once per factor")
        Report = self.env["crossborder.test.outcome.report"]
        first = Report.search([("job_id", "=", self.job.id)]).mapped("id")
        self.env.invalidate_all()
        self.assertEqual(Report.search([("job_id", "=", self.job.id)]).mapped("id"), first)
        self.assertEqual(everyone, self._line(), "a line keeps its id")

    def test_verdict_function(self):
        self.assertEqual(verdict(Split(5, 4, 5, 1), 10, 20), "predicts")
        self.assertEqual(verdict(Split(5, 1, 5, 4), 10, 20), "against")
        self.assertEqual(verdict(Split(10, 5, 10, 4), 10, 20), "no")
        self.assertEqual(verdict(Split(4, 4, 5, 0), 10, 20), "too_few")
        self.assertEqual(verdict(Split(10, 5, 0, 0), 10, 20), "too_few", "nobody to compare")
