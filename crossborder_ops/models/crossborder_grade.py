# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CrossborderGrade(models.Model):
    """One reviewer's score on one rubric criterion of one submitted test.

    Grades are independent: a reviewer grades as himself (a recruitment officer may
    record a grade for a colleague), only submitted tests, and sees his colleagues'
    grades once he has graded every criterion himself (record rules, on the
    invitation's ``graded_by_ids``). From then on his grades are final: having read
    the others', he no longer changes his own; a recruitment officer may correct."""

    _name = "crossborder.grade"
    _description = "Reviewer grade"
    _order = "invitation_id, criterion_id, id"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "crossborder.skill.test.invitation",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one(
        "crossborder.rubric.criterion", required=True, ondelete="cascade", check_company=True
    )
    reviewer_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True
    )
    score = fields.Float(required=True)
    max_score = fields.Float(related="criterion_id.max_score")
    note = fields.Char()

    _one_grade_per_reviewer = models.Constraint(
        "unique(invitation_id, criterion_id, reviewer_id)",
        "A reviewer grades each criterion once; change the grade instead.",
    )

    @api.constrains("score", "criterion_id")
    def _check_score(self):
        for grade in self:
            if not 0 <= grade.score <= grade.criterion_id.max_score:
                raise ValidationError(
                    self.env._(
                        "%(score)s is out of range for %(criterion)s: give between 0 and %(max)s.",
                        score=grade.score,
                        criterion=grade.criterion_id.name,
                        max=grade.criterion_id.max_score,
                    )
                )

    @api.constrains("criterion_id", "invitation_id")
    def _check_criterion_of_test(self):
        for grade in self:
            if grade.criterion_id.skill_test_id != grade.invitation_id.skill_test_id:
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is not a criterion of the test %(test)s.",
                        criterion=grade.criterion_id.name,
                        test=grade.invitation_id.skill_test_id.name,
                    )
                )

    @api.constrains("reviewer_id", "invitation_id")
    def _check_not_own_test(self):
        """A reviewer does not grade his own application's test (an interviewer of
        the position who applied to it): he would grade himself into the pass mark
        and the ranking. He is the applicant by his contact, by the employee the
        application is linked to, or by one of his e-mail addresses."""
        own = self._crossborder_own_grades()
        if own:
            applicant = own.invitation_id.applicant_id
            raise ValidationError(
                self.env._(
                    "%(reviewer)s applied to this position himself: he does not grade "
                    "the test of his own application (%(applicant)s). Another reviewer "
                    "grades it.",
                    reviewer=own.reviewer_id.name,
                    applicant=applicant.partner_name or applicant.display_name,
                )
            )

    @api.model
    def _crossborder_check_graded_not_own(self, domain):
        """The grades of ``domain`` stay off their reviewers' own applications after
        who the applicant or the reviewer is changed: an interviewer moved her own
        application to another contact, graded it and moved it back (or took her
        address off her account and put it back). Called after such a change."""
        # sudo: every grade counts, whoever changes the applicant or the address
        own = self.sudo().search(domain)._crossborder_own_grades()
        if own:
            applicant = own.invitation_id.applicant_id
            raise ValidationError(
                self.env._(
                    "%(reviewer)s graded the skill test of %(applicant)s: a reviewer does "
                    "not become the applicant he graded (the same contact, employee or "
                    "e-mail address). Keep them apart, or have a recruitment officer "
                    "delete his grades first.",
                    reviewer=own.reviewer_id.name,
                    applicant=applicant.partner_name or applicant.display_name,
                )
            )

    def _crossborder_own_grades(self):
        """The first of these grades whose reviewer is the applicant (empty if none)."""
        for grade in self.sudo():  # sudo: who the reviewer and the applicant are
            if grade.invitation_id.applicant_id._crossborder_applied_by(grade.reviewer_id):
                return grade.with_env(self.env)
        return self.browse()

    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        may_grade_for_others = self._crossborder_may_grade_for_others()
        vals_list = [{"reviewer_id": self.env.uid, **vals} for vals in vals_list]
        if not may_grade_for_others and any(
            vals["reviewer_id"] != self.env.uid for vals in vals_list
        ):
            raise AccessError(self._crossborder_forged_message())
        invitations = self.env["crossborder.skill.test.invitation"].browse(
            {vals["invitation_id"] for vals in vals_list if vals.get("invitation_id")}
        )
        invitations._crossborder_lock()  # before anything is read: see there
        invitations.applicant_id._crossborder_check_not_own()
        invitations._crossborder_check_gradable()
        return super().create(vals_list)

    def copy(self, default=None):
        if not self:
            return super().copy(default)
        raise UserError(
            self.env._(
                "A grade is not duplicated: each reviewer gives his own, from the test (Grade)."
            )
        )

    def write(self, vals):
        self.invitation_id._crossborder_lock()  # before anything is read: see there
        for fname in ("invitation_id", "criterion_id"):
            if fname in vals and any(grade[fname].id != vals[fname] for grade in self):
                raise UserError(
                    self.env._(
                        "A grade stays on the test and the criterion it was given for; give a "
                        "new grade instead."
                    )
                )
        if (
            "reviewer_id" in vals
            and any(grade.reviewer_id.id != vals["reviewer_id"] for grade in self)
            and not self._crossborder_may_grade_for_others()
        ):
            raise AccessError(self._crossborder_forged_message())
        self.invitation_id.applicant_id._crossborder_check_not_own()
        self._crossborder_check_not_final()
        self.invitation_id._crossborder_check_gradable()
        return super().write(vals)

    def unlink(self):
        self.invitation_id._crossborder_lock()  # before anything is read: see there
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final(self):
        self.invitation_id.applicant_id._crossborder_check_not_own()
        self._crossborder_check_not_final()
        self.invitation_id._crossborder_check_applicant_running()

    def _crossborder_check_not_final(self):
        """A reviewer who graded every criterion of a test (``graded_by_ids``) reads
        his colleagues' grades and the score: his own grades are final from then on,
        or he would grade, look and grade again. Recruitment officers correct them."""
        if self._crossborder_may_grade_for_others():
            return
        # read who graded every criterion, to check the caller's grades against it
        final = self.sudo().filtered(lambda g: g.reviewer_id in g.invitation_id.graded_by_ids)
        if final:
            raise UserError(
                self.env._(
                    "Your grades of the test of %(applicant)s are final: you graded every "
                    "criterion and may see your colleagues' grades. Ask a recruitment officer "
                    "to correct a grade.",
                    applicant=final[0].invitation_id.applicant_id.partner_name
                    or final[0].invitation_id.applicant_id.display_name,
                )
            )

    def _crossborder_may_grade_for_others(self):
        return self.env.su or self.env.user._crossborder_is_recruitment_officer()

    def _crossborder_forged_message(self):
        return self.env._(
            "You grade in your own name: only a recruitment officer records a grade for "
            "another reviewer."
        )
