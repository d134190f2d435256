# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.hr_recruitment_survey.controllers.main import ApplicantSurvey


class CrossborderSealedSurvey(ApplicantSurvey):
    """Skill tests are sealed: the survey routes that would show the questions
    outside the timed test, or give a second attempt, refuse them."""

    def _crossborder_answer_page(self, survey_sudo, answer_sudo):
        """Where the applicant goes instead: his own test (start page, timer, or the
        done page once submitted)."""
        if answer_sudo:
            return request.redirect(
                f"/survey/start/{survey_sudo.access_token}?answer_token={answer_sudo.access_token}"
            )
        return request.redirect("/")

    @http.route()
    def survey_print(self, survey_token, review=False, answer_token=None, **post):
        survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if survey_sudo.crossborder_sealed and not (
            (answer_sudo and answer_sudo.state == "done")
            or survey_sudo.with_user(request.env.user).has_access("read")
        ):
            # the applicant reads the questions inside the timed test only; staff who
            # may read the survey still print it: recruitment officers and the
            # interviewers of its position, as survey.survey._crossborder_sealed_hidden
            # says for every read (has_access applies it), never any survey user
            return self._crossborder_answer_page(survey_sudo, answer_sudo)
        return super().survey_print(survey_token, review=review, answer_token=answer_token, **post)

    def _get_access_data(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        data = super()._get_access_data(survey_token, answer_token, ensure_token, check_partner)
        answer_sudo = data["answer_sudo"]
        if (
            not data["has_survey_access"]
            and answer_sudo.state == "done"
            and answer_sudo.survey_id.crossborder_sealed
            and request.env.user._is_internal()
        ):
            # See the answers: those who read the test's invitation (the interviewers of
            # its position, by record rules; searched as the caller) print its submitted
            # answers as those who read the survey do, past its deadline too (survey
            # showed them "This survey is now closed"); survey_print alone reads this
            invitations = request.env["crossborder.skill.test.invitation"]
            data["has_survey_access"] = bool(
                invitations.search_count([("user_input_id", "=", answer_sudo.id)], limit=1)
            )
        return data

    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if survey_sudo.crossborder_sealed:
            return self._crossborder_answer_page(survey_sudo, answer_sudo)  # one attempt
        return super().survey_retry(survey_token, answer_token, **post)

    @http.route()
    def survey_submit(self, survey_token, answer_token, **post):
        survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if survey_sudo.crossborder_sealed and answer_sudo and not answer_sudo.start_datetime:
            # the time limit runs from Start: answers sent to a test never started
            # would have no clock (and rank first on time used)
            return {}, {"error": "unauthorized"}
        return super().survey_submit(survey_token, answer_token, **post)

    @http.route()
    def survey_next_question(self, survey_token, answer_token, **post):
        survey_sudo, _answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if survey_sudo.crossborder_sealed:
            # a route of live sessions: it would show the questions of a sealed
            # test without starting its clock
            return {}, {"error": "unauthorized"}
        return super().survey_next_question(survey_token, answer_token, **post)
