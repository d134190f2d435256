# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of crossborder_ops (hiring): fixtures and expected cells.

Read by tests/test_access_matrix.py, which says the format. The people: the
interviewer interviews for the position; the trainee is on a trial led by the
department manager (his manager); recruitment and HR officers are stock Odoo's
"manage all applicants" and "manage all employees"."""

from datetime import timedelta

from access_matrix_roles import INTERNAL_READ, NOBODY, rows

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools import SQL

ADDON = "crossborder_ops"

ROLE_GROUPS = {}


def fixtures(ctx):
    env, users, employees, Fixture = ctx.env, ctx.users, ctx.employees, ctx.Fixture
    today = fields.Date.context_today(env.user)
    now = fields.Datetime.now()
    job = env["hr.job"].create(
        {
            "name": "Matrix CS agent",
            "weekly_hours": 20,
            "interviewer_ids": [(6, 0, users["interviewer"].ids)],
            "task_ids": [
                (0, 0, {"name": "Answer buyers", "minutes_per_occurrence": 20}),
                (0, 0, {"name": "Write listings", "minutes_per_occurrence": 30}),
            ],
            "language_ids": [(0, 0, {"lang_id": env.ref("base.lang_en").id})],
        }
    )
    task = job.task_ids[0]
    task.test_question_ids = [(0, 0, {"name": "Where is my parcel?"})]
    test = env["crossborder.skill.test"].create({"name": "Matrix test", "job_id": job.id})
    test.action_generate_survey()
    # not sent yet: a sent test's pass mark and criteria no longer change, for anyone
    spare_test = env["crossborder.skill.test"].create(
        {
            "name": "Spare test",
            "job_id": job.id,
            "criterion_ids": [(0, 0, {"name": "Clarity", "weight": 1})],
        }
    )
    applicant = env["hr.applicant"].create(
        {
            "partner_name": "Matrix Applicant",
            "email_from": "matrix.applicant@example.com",
            "job_id": job.id,
            "reference_ids": [(0, 0, {"name": "Former manager"})],
        }
    )
    invitation = applicant._crossborder_send_test(test, now + timedelta(days=2), False)
    invitation.user_input_id.write({"state": "done", "end_datetime": now})
    # a test sent and not answered yet: a submitted one is not deleted, for anyone
    waiting_invitation = applicant._crossborder_send_test(test, now + timedelta(days=2), False)
    first, second = test.criterion_ids
    own_grade = (
        env["crossborder.grade"]
        .with_user(users["interviewer"])
        .create({"invitation_id": invitation.id, "criterion_id": first.id, "score": 3})
        .with_env(env)
    )
    colleague = new_test_user(
        env, login="matrix_colleague", groups="hr_recruitment.group_hr_recruitment_interviewer"
    )
    job.interviewer_ids = [(4, colleague.id)]
    colleague_grade = env["crossborder.grade"].create(
        {
            "invitation_id": invitation.id,
            "criterion_id": second.id,
            "score": 4,
            "reviewer_id": colleague.id,
        }
    )
    # the trial starts tomorrow: its written list is still being prepared, so the cells
    # of its results are the access rights (once it has started, only HR managers
    # reword or delete them: crossborder_ops' test_trial_written_list)
    dates = {"date_start": today + timedelta(days=1), "date_end": today + timedelta(days=22)}
    trial = env["crossborder.trial"].create(
        {
            "employee_id": employees["trainee"].id,
            "job_id": job.id,
            "manager_id": users["department_manager"].id,
            "result_ids": [(0, 0, {"name": "Answer buyers"})],
            "onboarding_ids": [(0, 0, {"name": "Values explained"})],
            **dates,
        }
    )
    conversion = env["crossborder.conversion"].create(
        {"employee_id": employees["employee"].id, "from_kind": "part_time_student"}
    )
    env.flush_all()
    report = env["crossborder.hiring.report"].search([("applicant_id", "=", applicant.id)])
    # a hire judged by his graded test (the outcome report reads hires only); another
    # applicant than the one still in the running, whose grades the roles try
    hire = env["hr.applicant"].create(
        {
            "partner_name": "Matrix Hire",
            "email_from": "matrix.hire@example.com",
            "job_id": job.id,
        }
    )
    hire_invitation = hire._crossborder_send_test(test, now + timedelta(days=2), False)
    hire_invitation.user_input_id.write({"state": "done", "end_datetime": now})
    env["crossborder.grade"].create(
        [
            {"invitation_id": hire_invitation.id, "criterion_id": criterion.id, "score": 4}
            for criterion in (first, second)
        ]
    )
    env.cr.execute(
        SQL(
            "UPDATE crossborder_skill_test_invitation SET state = 'graded', passed = true, "
            "final_score = 80 WHERE id = %s",
            hire_invitation.id,
        )
    )
    env.cr.execute(
        SQL(
            "UPDATE hr_applicant SET date_closed = %s, employee_id = %s WHERE id = %s",
            now - timedelta(days=30),
            employees["employee"].id,
            hire.id,
        )
    )
    env.invalidate_all()
    outcome = env["crossborder.test.outcome.report"].search([("job_id", "=", job.id)], limit=1)
    assert outcome, "the hire should give a row of the outcome report"
    question = env["crossborder.situational.question"].create(
        {
            "name": "A buyer's parcel is stuck in customs.",
            "answer_ids": [
                (0, 0, {"name": "Wait", "sequence": 1}),
                (0, 0, {"name": "Call the broker", "sequence": 2, "is_correct": True}),
            ],
        }
    )
    onboarding_item = env["crossborder.onboarding.item"].create({"name": "Matrix values"})
    measure = env["crossborder.trial.measure"].search([], limit=1)
    assert measure, "the suite registers trial measures"
    tile = env["crossborder.overview.tile"].create(
        {"name": "Matrix tile", "model_name": "res.partner", "domain": "[]"}
    )

    def new_employee(env):
        return env["hr.employee"].sudo().create({"name": "Matrix newcomer"}).id

    return {
        "job task": Fixture(
            task,
            write={"expected_result": "within 4 hours"},
            create={"job_id": job.id, "name": "New"},
        ),
        "task assignment": Fixture(
            task.test_question_ids,
            write={"instructions": "A buyer asks where his parcel is."},
            create={"task_id": task.id, "name": "Refund request"},
        ),
        "job language": Fixture(
            job.language_ids,
            write={"level": "c1"},
            create={"job_id": job.id, "lang_id": env.ref("base.lang_fr").id},
        ),
        "applicant reference": Fixture(
            applicant.reference_ids,
            write={"result": "positive"},
            create={"applicant_id": applicant.id, "name": "Teacher"},
        ),
        "skill test": Fixture(
            spare_test, write={"pass_mark": 65}, create={"name": "Another test", "job_id": job.id}
        ),
        "rubric criterion": Fixture(
            spare_test.criterion_ids,
            write={"weight": 2},
            create={"skill_test_id": spare_test.id, "name": "Tone", "weight": 1},
        ),
        "invitation": Fixture(
            waiting_invitation,
            write={"deadline": now + timedelta(days=3)},
            # even with the applicant's own answer sheet, as "Send skill test" makes it:
            # only the sending path creates an invitation
            create=lambda env: {
                "applicant_id": applicant.id,
                "skill_test_id": test.id,
                "deadline": now + timedelta(days=1),
                "user_input_id": test.survey_id.sudo()
                ._create_answer(
                    partner=applicant.partner_id, check_attempts=False, applicant_id=applicant.id
                )
                .id,
            },
        ),
        # the interviewer's own grade; creating one grades the other criterion himself
        "grade (own)": Fixture(
            own_grade,
            write={"score": 4},
            create={"invitation_id": invitation.id, "criterion_id": second.id, "score": 2},
        ),
        # a colleague's grade; creating one means grading in the colleague's name
        "grade (colleague's)": Fixture(
            colleague_grade,
            write={"score": 1},
            create={
                "invitation_id": invitation.id,
                "criterion_id": first.id,
                "score": 5,
                "reviewer_id": colleague.id,
            },
        ),
        "trial": Fixture(
            trial,
            write={"checkin_note": "<p>Good start</p>"},
            create=lambda env: {"employee_id": new_employee(env), **dates},
        ),
        "trial onboarding": Fixture(
            trial.onboarding_ids,
            write={"done": True},
            create={"trial_id": trial.id, "name": "Tools granted"},
        ),
        "trial result": Fixture(
            trial.result_ids,
            write={"rating": "met"},
            create={"trial_id": trial.id, "name": "Write listings"},
        ),
        "conversion": Fixture(
            conversion,
            write={"to_hours": 38},
            create={"employee_id": employees["employee"].id, "from_kind": "intern"},
        ),
        "hiring report": Fixture(report),
        "test outcome report": Fixture(outcome),
        "situational question": Fixture(
            question,
            write={"name": "A buyer's parcel is lost."},
            create={"name": "A buyer wants a refund."},
        ),
        "situational answer": Fixture(
            question.answer_ids[0],
            write={"name": "Wait a week"},
            create={"question_id": question.id, "name": "Call the carrier"},
        ),
        "onboarding item": Fixture(
            onboarding_item, write={"kind": "values"}, create={"name": "Matrix tools"}
        ),
        # measures are registered by the applications holding the data: none is created
        "trial measure": Fixture(
            measure, write={"default_target": 5}, create={"name": "Matrix measure"}
        ),
        "overview tile": Fixture(
            tile,
            write={"description": "Partners"},
            create={"name": "Matrix tile 2", "model_name": "res.partner", "domain": "[]"},
        ),
        # wizards: anyone's wizard is read and changed by its creator only
        "trial decision wizard": Fixture(
            env["crossborder.trial.decision"].create({"trial_id": trial.id, "decision": "end"}),
            create={"trial_id": trial.id, "decision": "extend"},
        ),
        "send test wizard": Fixture(
            env["crossborder.skill.test.send"].create(
                {"applicant_ids": [(6, 0, applicant.ids)], "skill_test_id": test.id}
            ),
            create={"applicant_ids": [(6, 0, applicant.ids)], "skill_test_id": test.id},
        ),
        "grading wizard": Fixture(
            env["crossborder.grading.wizard"].create({"invitation_id": invitation.id}),
            create={"invitation_id": invitation.id},
        ),
    }


MATRIX = [
    # positions: every employee reads the tasks and languages; recruitment officers edit
    *rows("job task", NOBODY, **{**INTERNAL_READ, "recruitment_officer": "rwcu"}),
    *rows("job language", NOBODY, **{**INTERNAL_READ, "recruitment_officer": "rwcu"}),
    # the bank of test assignments: the position's interviewers read it, officers edit
    *rows("task assignment", NOBODY, interviewer="r---", recruitment_officer="rwcu"),
    *rows("applicant reference", NOBODY, interviewer="rwc-", recruitment_officer="rwcu"),
    *rows("skill test", NOBODY, interviewer="r---", recruitment_officer="rwcu"),
    *rows("rubric criterion", NOBODY, interviewer="r---", recruitment_officer="rwcu"),
    # sent from the application (Send skill test), never created by hand
    *rows("invitation", NOBODY, interviewer="r---", recruitment_officer="rw-u"),
    # grades: one's own; a colleague's only once one graded every criterion (not yet)
    *rows("grade (own)", NOBODY, interviewer="rwc-", recruitment_officer="rwcu"),
    *rows("grade (colleague's)", NOBODY, recruitment_officer="rwcu"),
    # trials: the trainee reads his own; his manager reads it and writes the check-in
    # and ratings; HR does everything; decisions go through the decision wizard
    *rows(
        "trial",
        NOBODY,
        trainee="r---",
        department_manager="rw--",
        recruitment_officer="rwc-",
        hr_officer="rwcu",
    ),
    *rows(
        "trial onboarding",
        NOBODY,
        trainee="r---",
        department_manager="rw--",
        recruitment_officer="rwcu",
        hr_officer="rwcu",
    ),
    *rows(
        "trial result",
        NOBODY,
        trainee="r---",
        department_manager="rw--",
        recruitment_officer="rwcu",
        hr_officer="rwcu",
    ),
    *rows("conversion", NOBODY, hr_officer="rwcu"),
    *rows("hiring report", NOBODY, recruitment_officer="r---", hr_officer="r---"),
    *rows("test outcome report", NOBODY, recruitment_officer="r---"),
    # the situations and their options: for those who set and grade tests
    *rows("situational question", NOBODY, interviewer="r---", recruitment_officer="rwcu"),
    *rows("situational answer", NOBODY, interviewer="r---", recruitment_officer="rwcu"),
    # tunable content: every employee reads it (his trial shows it), officers edit it
    *rows(
        "onboarding item",
        NOBODY,
        **{**INTERNAL_READ, "recruitment_officer": "rwcu", "hr_officer": "rwcu"},
    ),
    # measures: read by everyone who reads a trial; only an Ops manager tunes them
    *rows("trial measure", NOBODY, **INTERNAL_READ),
    # the Ops overview: Ops users only (none of these roles is one)
    *rows("overview tile", NOBODY),
    # wizards: the trial's manager and HR open a decision, never the trainee
    *rows(
        "trial decision wizard",
        NOBODY,
        department_manager="--c-",
        recruitment_officer="--c-",
        hr_officer="--c-",
    ),
    *rows("send test wizard", NOBODY, recruitment_officer="--c-"),
    *rows("grading wizard", NOBODY, interviewer="--c-", recruitment_officer="--c-"),
]
