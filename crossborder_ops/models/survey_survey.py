# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

# a sealed skill test is not the survey users' to change either
SEALED_OPERATIONS = ("read", "write", "create", "unlink")


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
        return super().write(vals)

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
