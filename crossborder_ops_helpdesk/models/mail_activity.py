# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import unicodedata

from odoo import api, fields, models
from odoo.exceptions import UserError

from .todo_summaries import in_every_language

TODO_MODELS = ("crossborder.feedback", "crossborder.recurrence")  # a department's to-dos on
# Cyrillic and Greek letters drawn as Latin ones (after casefold), a dotless i
LOOK_ALIKES = str.maketrans("асеорхуіјѕԁԛԝһӏαοντκı", "aceopxyijsdqwhlaovtki")
# Latin drawn alike: "rn" as "m", "vv" as "w", a capital I, a one or a bar as an l
LATIN_ALIKES = ((re.compile("rn"), "m"), (re.compile("vv"), "w"), (re.compile("[i1|]"), "l"))


def _alike(text):
    """``text`` as it reads: case, accents, spaces, invisible characters,
    punctuation, letters of another alphabet or of the same drawn alike aside
    (outside audits 74, 75, 78 and 79)."""
    text = unicodedata.normalize("NFKD", text).casefold().translate(LOOK_ALIKES)
    categories = {char: unicodedata.category(char) for char in set(text)}
    text = "".join(
        " " if categories[char][0] in "PSZ" else char
        for char in text
        if categories[char] not in ("Cf", "Mn")
    )
    text = " ".join(text.split())
    for pattern, letter in LATIN_ALIKES:
        text = pattern.sub(letter, text)
    return text


def reads_like(text, summary):
    """Whether ``text`` reads as ``summary`` (both as ``_alike`` reads them):
    each of its characters that ``summary`` does not use anywhere standing for
    one of the summary's or for nothing, as long as they are fewer than its own
    letters. A fixed list of look-alikes always missed some (a lunate sigma, an
    Armenian o, a combining joiner, a Hangul filler: outside audit 78, L1)."""
    text, summary = _alike(text), _alike(summary)
    if text == summary:
        return True
    letters = set(summary)
    foreign = sum(char not in letters for char in text)
    if not foreign or foreign * 2 > len(text):
        return False
    pattern = "".join(re.escape(char) if char in letters else ".?" for char in text)
    return re.fullmatch(pattern, summary) is not None


class MailActivity(models.Model):
    """Customer service's to-dos for a department (acknowledge a feedback,
    decide a corrective action for a recurrence) are the system's: written for
    whoever speaks for the department, closed when their reason goes. A
    helpdesk manager deleted them, marked them done or reassigned them in
    Activities, and the department's work looked done (outside audit 73, M3).
    The manager they are for may still reschedule them and add a note.

    They are known by a mark the system sets when it writes them, not by
    their summary: an administrator who archived the language one was
    written in could delete it, and its button no longer closed it (outside
    audit 74, M1)."""

    _name = "mail.activity"
    _inherit = ["mail.activity", "crossborder.system.owned.mixin"]
    _cbo_system_fields = frozenset({"cbo_department_todo"})

    cbo_department_todo = fields.Selection(
        [("acknowledge", "Acknowledge the feedback"), ("decide", "Decide a corrective action")],
        string="Department to-do",
        readonly=True,
        copy=False,
        help="Customer service's to-do for the department's manager, written by the system "
        "and closed by the button that does it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, creating=True)
        activities = super().create(vals_list)
        if not self.env.su and activities._cbo_department_todos(alike=True):
            raise UserError(activities._cbo_department_todo_refusal(made=True))
        return activities

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        self._check_system_fields([vals])
        todos = self._cbo_department_todos()
        kept = todos.filtered(lambda todo: todo.user_id == self.env.user)
        if todos - kept or todos and not {"date_deadline", "note"}.issuperset(vals):
            raise UserError(todos._cbo_department_todo_refusal())
        result = super().write(vals)
        if self._cbo_department_todos(alike=True) - todos:  # another made into one
            raise UserError(self._cbo_department_todo_refusal(made=True))
        return result

    def unlink(self):
        if not self.env.su and (todos := self._cbo_department_todos()):
            raise UserError(todos._cbo_department_todo_refusal())
        return super().unlink()

    @api.model
    def _cbo_department_todo_summaries(self):
        """{model: the summaries, in every language, of customer service's
        to-dos for a department on its records}."""
        Feedback, Recurrence = self.env["crossborder.feedback"], self.env["crossborder.recurrence"]
        return {
            Feedback._name: in_every_language(Feedback, lambda f: (f._acknowledge_summary(),)),
            Recurrence._name: in_every_language(Recurrence, lambda r: (r._decide_summary(),)),
        }

    def _cbo_department_todos(self, alike=False):
        """Those of these activities that are customer service's to-dos for a
        department (the system's mark); ``alike``: or that read like one (in
        another case, with other spaces or dashes: written by hand, one looked
        like the system's to-do, which no button closed; outside audit 74, L4)."""
        # sudo: what each activity is on and says, to check the caller's change
        activities = self.sudo()
        found = activities.filtered("cbo_department_todo")
        if alike and (activities := activities.filtered(lambda a: a.res_model in TODO_MODELS)):
            summaries = self._cbo_department_todo_summaries()
            found |= activities.filtered(
                lambda a: any(reads_like(a.summary or "", s) for s in summaries[a.res_model])
            )
        return self.browse(found.ids)

    def _cbo_system_how(self):
        return self.env._(
            "A department's to-do is written by the system when the feedback is sent or the "
            "recurrence found, and closed by the button that does it."
        )

    def _cbo_department_todo_refusal(self, made=False):
        todo = self.sudo()[:1]
        if made:
            return self.env._(
                "“%(todo)s” is customer service's to-do for the department's manager: "
                "it is written for them when the feedback is sent or the recurrence "
                "found. Schedule your own activity under another summary.",
                todo=todo.summary,
            )
        if todo.res_model == "crossborder.feedback":
            how = self.env._("when the department acknowledges the feedback (Acknowledge)")
        else:
            how = self.env._(
                "when the department decides a corrective action (New corrective action) "
                "or customer service closes the recurrence (Close)"
            )
        return self.env._(
            "“%(todo)s” on %(record)s is done %(how)s: it is not marked done, deleted, "
            "renamed, moved or given to someone else by hand. Its manager may reschedule it "
            "or add a note.",
            todo=todo.summary,
            record=todo.res_name,
            how=how,
        )
