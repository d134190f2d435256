# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from contextlib import contextmanager
from typing import NamedTuple

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyGettext, LazyTranslate

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

PENDING = "crossborder_ops_settings_pending"  # server-side only (cursor cache)


class Setting(NamedTuple):
    """One whole-number setting of the suite, declared once: where it is stored,
    its default, its bounds, the settings field whose label names it, and what a
    user reads when a value is out of bounds (``%(value)s``, ``%(low)s``,
    ``%(high)s`` and ``%(setting)s`` may appear in it)."""

    key: str
    default: int
    low: int | None = None
    high: int | None = None
    field: str | None = None  # res.config.settings field showing it: its label
    message: LazyGettext | None = None  # out of bounds; None: a generic sentence
    heading: LazyGettext | None = None  # groups the problems of an area


def declare(*settings):
    return {setting.key: setting for setting in settings}


HIRING = _lt("The hiring settings cannot be saved:")
SETTINGS = declare(
    Setting(
        "crossborder_ops.trial_min_days",
        14,
        low=1,
        field="crossborder_trial_min_days",
        message=_lt("The shortest trial must last at least one day."),
        heading=HIRING,
    ),
    # a year at most: beyond it, the dates of a trial (or of its reminder, a test's
    # deadline) are no dates (outside audit 66)
    Setting(
        "crossborder_ops.trial_max_days",
        30,
        low=1,
        high=365,
        field="crossborder_trial_max_days",
        message=_lt("The longest trial lasts one day to a year (365 days)."),
        heading=HIRING,
    ),
    Setting(
        "crossborder_ops.trial_default_days",
        21,
        field="crossborder_trial_default_days",
        heading=HIRING,
    ),
    Setting(
        "crossborder_ops.trial_reminder_days",
        3,
        low=0,
        high=365,
        field="crossborder_trial_reminder_days",
        message=_lt(
            "The reminder comes 0 to 365 days before the end of a trial: %(value)s is not possible."
        ),
        heading=HIRING,
    ),
    Setting(
        "crossborder_ops.test_deadline_hours",
        48,
        low=1,
        high=24 * 90,
        field="crossborder_test_deadline_hours",
        message=_lt("Applicants get one hour to 90 days (2,160 hours) to submit a skill test."),
        heading=HIRING,
    ),
    Setting(
        "crossborder_ops.pass_mark",
        70,
        low=0,
        high=100,
        field="crossborder_pass_mark",
        message=_lt("The pass mark is a percentage between 0 and 100."),
        heading=HIRING,
    ),
    # measured expected results (issue 16): refreshed when older than this
    Setting(
        "crossborder_ops.trial_measure_hours",
        1,
        low=0,
        high=24 * 30,
        field="crossborder_trial_measure_hours",
        message=_lt(
            "Measured results are refreshed after 0 to 720 hours (0: at every run of the "
            "scheduled action)."
        ),
        heading=HIRING,
    ),
    # skill tests judged by outcomes (issue 16): below this sample, "too few"
    Setting(
        "crossborder_ops.outcome_min_sample",
        10,
        low=1,
        high=100000,
        field="crossborder_outcome_min_sample",
        heading=HIRING,
    ),
    # ... and the points of success that make a criterion "predict"
    Setting(
        "crossborder_ops.outcome_min_gap",
        20,
        low=0,
        high=100,
        field="crossborder_outcome_min_gap",
        heading=HIRING,
    ),
)
BOUND_KEYS = {"crossborder_ops.trial_min_days", "crossborder_ops.trial_max_days"}
TRIAL_KEYS = BOUND_KEYS | {
    "crossborder_ops.trial_default_days",
    "crossborder_ops.trial_reminder_days",
}


class IrConfigParameter(models.Model):
    """The suite's one settings helper. Each whole-number setting is declared
    once (a ``Setting``, listed by ``_cbo_settings``), read with ``_cbo_int``
    and checked once, where every path writes it (the settings page, System
    parameters, JSON-RPC, code): here. Rules across settings go in
    ``_cbo_setting_problems``; reactions to a change in ``_cbo_settings_changed``."""

    _inherit = "ir.config_parameter"

    @api.model_create_multi
    def create(self, vals_list):
        self._cbo_check({vals.get("key"): vals.get("value") for vals in vals_list})
        params = super().create(vals_list)
        self._cbo_settings_changed(set(params.mapped("key")))
        return params

    def write(self, vals):
        if {"key", "value"} & set(vals):
            self._cbo_check(
                {vals.get("key", param.key): vals.get("value", param.value) for param in self}
            )
        # a key renamed: the old one is gone, what follows it follows too
        # (outside audit 68)
        keys = set(self.mapped("key"))
        result = super().write(vals)
        self._cbo_settings_changed(keys | set(self.mapped("key")))
        return result

    def unlink(self):
        # a setting deleted is back to its default: what follows it follows too
        # (the feedback's schedule kept the deleted period, outside audit 66)
        keys = set(self.mapped("key"))
        result = super().unlink()
        self._cbo_settings_changed(keys)
        return result

    @api.model
    def _cbo_settings(self):
        """{key: Setting} of every declared setting; addons add theirs."""
        return dict(SETTINGS)

    @api.model
    def _cbo_check(self, values):
        """Refuse ``values`` ({key: raw value}) in plain words when a declared
        setting among them makes no sense, alone or with the others."""
        settings = self._cbo_settings()
        written = {key: value for key, value in values.items() if key in settings}
        if not written:
            return
        problems = []  # (key, sentence)
        numbers = {}
        for key, value in written.items():
            setting = settings[key]
            number = self._cbo_whole_number(value)
            if number is None:
                sentence = self.env._(
                    "%(setting)s takes a whole number: %(value)s is not one.",
                    setting=self._cbo_label(setting),
                    value=value,
                )
            elif (setting.low is not None and number < setting.low) or (
                setting.high is not None and number > setting.high
            ):
                sentence = self._cbo_out_of_bounds(setting, number)
            else:
                numbers[key] = number
                continue
            problems.append((key, sentence))
        # the state after the write: what is stored, what is being saved with
        # it (the settings page writes one key after the other), what is written
        state = {key: self._cbo_int(key) for key in settings}
        state.update(self.env.cr.cache.get(PENDING, {}))
        state.update(numbers)
        problems += self._cbo_setting_problems(numbers, state)
        if problems:
            raise ValidationError(self._cbo_message(settings, problems))

    @api.model
    def _cbo_out_of_bounds(self, setting, number):
        if setting.message:
            sentence = self.env._(setting.message)
        elif setting.high is None:
            sentence = self.env._("%(setting)s: at least %(low)s.")
        else:
            sentence = self.env._("%(setting)s: between %(low)s and %(high)s.")
        return sentence % {
            "setting": self._cbo_label(setting),
            "value": number,
            "low": setting.low,
            "high": setting.high,
        }

    @api.model
    def _cbo_label(self, setting):
        if setting.field:
            return (
                self.env["res.config.settings"]._fields[setting.field]._description_string(self.env)
            )
        return setting.key

    @api.model
    def _cbo_message(self, settings, problems):
        """One sentence per problem, once, under its area's heading."""
        groups = {}
        for key, sentence in problems:
            heading = settings[key].heading
            sentences = groups.setdefault(heading and self.env._(heading), [])
            if sentence not in sentences:
                sentences.append(sentence)
        return "\n".join(
            heading + "\n- " + "\n- ".join(sentences) if heading else "\n".join(sentences)
            for heading, sentences in groups.items()
        )

    @api.model
    def _cbo_setting_problems(self, written, state):
        """(key, sentence) for the rules across settings that ``written`` ({key:
        int}, each within its bounds) breaks in ``state`` ({key: int}, every
        setting once written); addons extend it."""
        return self._cbo_hiring_problems(written, state)

    @api.model
    def _cbo_settings_changed(self, keys):
        """Hook after the settings ``keys`` were written (e.g. a schedule follows)."""
        return None

    @contextmanager
    def _cbo_saving(self, values):
        """Settings ``values`` ({key: value}) checked together and written one
        by one inside the block: each write is judged with the others."""
        self._cbo_check(values)
        cache = self.env.cr.cache
        cache[PENDING] = {
            key: number
            for key, value in values.items()
            if (number := self._cbo_whole_number(value)) is not None
        }
        try:
            yield
        finally:
            cache.pop(PENDING, None)

    @api.model
    def _cbo_int(self, key, default=None):
        """The whole-number setting ``key``; its declared default (or
        ``default``) when it is not set."""
        if default is None:
            default = self._cbo_settings()[key].default
        value = self.sudo().get_param(key)  # settings are read by every user's flows
        if value in (None, False, ""):
            return default
        number = self._cbo_whole_number(value)
        if number is None:  # stored before it was checked, or by hand in SQL
            _logger.warning("Setting %s: %r is not a whole number, %s used", key, value, default)
            return default
        return number

    @api.model
    def _cbo_whole_number(self, value):
        """``value`` as an int, or None when it is not a whole number."""
        if value is False or value is None:
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            return None

    # ------------------------------------------------------------------
    # hiring: rules across settings
    # ------------------------------------------------------------------
    @api.model
    def _cbo_hiring_problems(self, written, state):
        if not set(written) & TRIAL_KEYS:
            return []
        _ = self.env._
        low = state["crossborder_ops.trial_min_days"]
        high = state["crossborder_ops.trial_max_days"]
        default = state["crossborder_ops.trial_default_days"]
        reminder = state["crossborder_ops.trial_reminder_days"]
        problems = []
        if low > high:
            problems.append(
                _(
                    "The shortest trial (%(low)s days) is longer than the longest (%(high)s days).",
                    low=low,
                    high=high,
                )
            )
        elif not low <= default <= high:
            problems.append(
                _(
                    "The default trial (%(default)s days) must be between the shortest "
                    "(%(low)s) and the longest (%(high)s).",
                    default=default,
                    low=low,
                    high=high,
                )
            )
        if reminder >= max(high, 1):
            problems.append(
                _(
                    "A reminder %(days)s days before the end would come before the longest "
                    "trial (%(high)s days) even starts.",
                    days=reminder,
                    high=high,
                )
            )
        if low <= high and set(written) & BOUND_KEYS:
            jobs = (
                self.env["hr.job"]
                .sudo()  # every position of every company: the bounds are global
                .search_fetch(
                    [
                        ("trial_days", "!=", 0),
                        "|",
                        ("trial_days", "<", low),
                        ("trial_days", ">", high),
                    ],
                    ["name", "trial_days"],
                    limit=3,
                )
            )
            problems.extend(
                _(
                    "The position %(job)s has a %(days)s-day trial, outside the new bounds: "
                    "change it first.",
                    job=job.name,
                    days=job.trial_days,
                )
                for job in jobs
            )
        return [("crossborder_ops.trial_min_days", sentence) for sentence in problems]
