# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

# a sealed skill test is not the survey users' to change either
SEALED_OPERATIONS = ("read", "write", "create", "unlink")
# what makes a skill test's survey timed, one attempt and its key unseen by the
# applicants: set by the test (Generate the survey), not by hand. Open to anyone
# with its link, a new attempt each visit; without time limit or with more tries;
# the right answers on the done page; another type, under the survey users' rules.
SEALED_SETTINGS = frozenset(
    (
        "survey_type",
        "access_mode",
        "is_attempts_limited",
        "attempts_limit",
        "is_time_limited",
        "time_limit",
        "scoring_type",
        "certification",
    )
)


class SurveySurvey(models.Model):
    _name = "survey.survey"
    _inherit = ["survey.survey", "crossborder.hidden.records.mixin"]
    _crossborder_hidden_operations = SEALED_OPERATIONS

    # stock falls back to the first installed language by name when the context has
    # none (scheduled actions, imports, tests): with Chinese active, every such survey
    # would be Chinese-only. The suite activates Chinese and Turkish, so the fallback
    # is the user's language, then the partners' default one.
    lang_ids = fields.Many2many(default=lambda self: self._crossborder_default_lang_ids())
    crossborder_sealed = fields.Boolean(
        string="Sealed skill test",
        readonly=True,
        copy=True,  # a duplicate holds the same questions and key: sealed as well
        help="A skill test of Crossborder Ops: one attempt, questions shown to the "
        "applicant only inside the timed test (not printable before submission), no "
        "verdict on the done page since reviewers grade the open answers.",
    )

    @api.model
    def _crossborder_sealed_hidden(self):
        """The sealed skill tests kept from the current user, as a query; None when
        he may see them all. A skill test holds the whole bank of assignments and the
        situations' key: it is for recruitment officers and the interviewers of its
        position, whatever the survey rules give survey users. The one rule for the
        survey, its questions and their options (``_crossborder_hidden_domain``) and
        the print route (``has_access``)."""
        user = self.env.user
        if self.env.su or user._crossborder_is_recruitment_officer():
            return None
        # sudo: which tests' positions the user interviews for, whatever he may read
        interviewed = (
            self.env["crossborder.skill.test"]
            .sudo()
            .with_context(active_test=False)
            ._search([("survey_id", "!=", False), ("job_id.interviewer_ids", "in", user.id)])
        )
        return (
            self.sudo()
            .with_context(active_test=False)
            ._search(
                [
                    ("crossborder_sealed", "=", True),
                    (
                        "id",
                        "not in",
                        interviewed.subselect(SQL.identifier(interviewed.table, "survey_id")),
                    ),
                ]
            )
        )

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self._crossborder_sealed_hidden()
        return None if hidden is None else Domain("id", "in", hidden)

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This skill test is for recruitment officers and the interviewers of its position."
        )

    def copy_data(self, default=None):
        """A duplicate of a sealed skill test holds the same questions and the same
        key (shared with the tests still to come): it stays sealed, whatever the
        caller asks for in ``default``."""
        vals_list = super().copy_data(default=default)
        return [
            dict(vals, crossborder_sealed=True) if survey.crossborder_sealed else vals
            for survey, vals in zip(self, vals_list, strict=True)
        ]

    def write(self, vals):
        if (
            "crossborder_sealed" in vals
            and not self.env.su
            and any(
                survey.crossborder_sealed != bool(vals["crossborder_sealed"]) for survey in self
            )
        ):
            raise UserError(
                self.env._(
                    "A skill test's survey is sealed by its test (Generate the survey) and "
                    "stays sealed, copies included: its questions and key are for recruitment "
                    "officers and the interviewers of its position."
                )
            )
        self._crossborder_check_settings_kept(vals)
        return super().write(vals)

    def _crossborder_check_settings_kept(self, vals):
        """The settings that time and seal a skill test's survey are its test's
        (``SEALED_SETTINGS``): recruitment officers edit its wording, not them."""
        changed = SEALED_SETTINGS.intersection(vals)
        if not changed or self.env.su:
            return
        if any(
            survey.crossborder_sealed and any(survey[name] != vals[name] for name in changed)
            for survey in self
        ):
            raise UserError(
                self.env._(
                    "A skill test is timed and one attempt, and its answers are not shown to "
                    "the applicant: its survey's access, attempts, time limit, scoring and "
                    "type are set by the test (Generate the survey), not by hand."
                )
            )

    def _crossborder_check_sheets_untouched(self):
        """The answer sheets of a skill test, and their answers, are the applicant's
        (he fills them in through the survey routes) and the system's (Send skill
        test makes them): made, reopened, rewritten or deleted by hand, a submission
        got a second try or a forged time, score or answer, and the deadline's
        scheduled action refused an applicant whose sheet went away. Called on
        the surveys of the sheets changed, by users (not the superuser)."""
        if any(self.sudo().mapped("crossborder_sealed")):
            raise AccessError(
                self.env._(
                    "The answers of a skill test are the applicant's, sent with Send skill "
                    "test and filled in by him within the time limit: they are not made, "
                    "changed or deleted by hand. To give him more time, extend its deadline."
                )
            )

    def action_start_session(self):
        """A live session shows a skill test's questions on the host's screen, to
        whoever joins, without the applicant's clock."""
        if any(self.mapped("crossborder_sealed")):
            raise UserError(
                self.env._(
                    "A skill test is taken by each applicant alone, timed: it is not run as a "
                    "live session."
                )
            )
        return super().action_start_session()

    @api.model
    def _crossborder_check_stays_sealed(self, moves):
        """Questions and options of a sealed skill test, copied or moved into another
        survey, stay in a sealed one: elsewhere, survey users read them and their
        key. ``moves``: (survey they came from, survey they are in now)."""
        if self.env.su:
            return
        # sudo: whether the surveys are sealed, whoever may read them
        if any(
            source.sudo().crossborder_sealed and not target.sudo().crossborder_sealed
            for source, target in moves
        ):
            raise UserError(
                self.env._(
                    "The questions of a skill test and their key stay in its sealed survey "
                    "(or a duplicate of it): they are for recruitment officers and the "
                    "interviewers of its position, and later tests draw on them."
                )
            )

    @api.model
    def _crossborder_check_answers_kept(self, lines, changed=False):
        """Applicants' answers to a skill test stay: a question or an option
        they answered, deleted, took their answers and the points they scored
        with it; ``changed``: changed, it scored them again, or moved them
        under another section's criteria (outside audit 75). ``lines``: a
        domain on the answers the deletion or change would reach."""
        # sudo: every applicant's answer counts, whoever deletes what was answered
        answered = (
            self.env["survey.user_input.line"]
            .sudo()
            .search(Domain(lines) & Domain("survey_id.crossborder_sealed", "=", True), limit=1)
        )
        if answered and changed:
            raise UserError(
                self.env._(
                    "Applicants answered %(question)s in their skill test: its wording, test, "
                    "section, type, options and points stay as they saw and scored them. Add "
                    "a new question instead, or duplicate the test.",
                    question=answered.question_id.title,
                )
            )
        if answered:
            raise UserError(
                self.env._(
                    "Applicants answered %(question)s in their skill test: their answers and "
                    "the points they scored stay. Add a new question or option instead.",
                    question=answered.question_id.title,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent_test(self):
        """The survey of a skill test sent to applicants holds its criteria's
        sections and its applicants' answers: deleting it would take them, and
        the grades, with it."""
        # sudo: every test counts, whoever may read it
        tests = (
            self.env["crossborder.skill.test"]
            .sudo()
            .with_context(active_test=False)
            .search([("survey_id", "in", self.ids)])
        )
        tests._crossborder_check_rubric_open()

    @api.model
    def _crossborder_default_lang_ids(self):
        Lang = self.env["res.lang"]
        for code in (
            self.env.context.get("lang"),
            self.env.user.lang,
            self.env["ir.default"].sudo()._get("res.partner", "lang"),  # a setting, read only
        ):
            lang = code and Lang._lang_get(code)
            if lang:
                return lang
        return Lang._lang_get(Lang.get_installed()[0][0])
