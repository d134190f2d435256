# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models


class CrossborderTrialLineMixin(models.AbstractModel):
    """A line of a trial (onboarding item, expected result): only who decides the
    trial writes it (crossborder.trial._crossborder_check_rating).

    A line whose model lists ``_crossborder_agreed_fields`` is part of the written
    list given to the trainee: once the trial is past its first day, those fields are not
    reworded nor the line deleted but by an HR manager
    (``crossborder.trial._crossborder_check_list_change``), and every change, and
    every line added, is said in the trial's chatter: in one note per trial for all
    the changes of one call (``crossborder.trial._crossborder_list_note``).
    Onboarding items are a checklist: they list none."""

    _name = "crossborder.trial.line.mixin"
    _description = "Line of a trial, written by who decides it"

    # the fields agreed at the start of the trial (set by the models that have some)
    _crossborder_agreed_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        trials = self.env["crossborder.trial"].browse(
            {vals["trial_id"] for vals in vals_list if vals.get("trial_id")}
        )
        trials._crossborder_check_rating()
        with trials._crossborder_list_note():
            lines = super().create(vals_list)
            if self._crossborder_agreed_fields and not trials._crossborder_creating():
                agreed = trials._crossborder_agreed()
                added = defaultdict(list)
                for line in lines.filtered(lambda line: line.trial_id in agreed):
                    added[line.trial_id].append(
                        self.env._("Added after the start: %(line)s", line=line._crossborder_text())
                    )
                trials._crossborder_post_list_changes(added)
        return lines

    def write(self, vals):
        trials = self.trial_id | self.env["crossborder.trial"].browse(vals.get("trial_id"))
        trials._crossborder_check_rating()
        before = self._crossborder_agreed_values(vals)
        if before:
            self.browse(before).trial_id._crossborder_check_list_change()
        with trials._crossborder_list_note():
            result = super().write(vals)
            if before:
                self._crossborder_post_changes(before)
        return result

    def unlink(self):
        # the lines removed by one call: one note per trial (_unlink_by_decider says them)
        with self.env["crossborder.trial"]._crossborder_list_note():
            return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_by_decider(self):
        self.trial_id._crossborder_check_rating()
        if not self._crossborder_agreed_fields:
            return
        agreed = self.trial_id._crossborder_agreed()
        removed = self.filtered(lambda line: line.trial_id in agreed)
        removed.trial_id._crossborder_check_list_change()
        lines = defaultdict(list)
        for line in removed:
            lines[line.trial_id].append(
                self.env._("Removed: %(line)s", line=line._crossborder_text())
            )
        removed.trial_id._crossborder_post_list_changes(lines)

    def _crossborder_text(self):
        """The line as the trainee reads it in the chatter."""
        self.ensure_one()
        return self.display_name

    def _crossborder_agreed_values(self, vals):
        """{line id: {field: value before}} of the lines of agreed trials whose
        agreed fields ``vals`` changes."""
        # in the order of the model's fields: the chatter says them in that order
        fnames = [fname for fname in self._fields if fname in self._crossborder_agreed_fields]
        fnames = [fname for fname in fnames if fname in vals]
        if not fnames:
            return {}
        agreed = self.trial_id._crossborder_agreed()
        before = {}
        for line in self.filtered(lambda line: line.trial_id in agreed):
            changed = {}
            for fname in fnames:
                field = self._fields[fname]
                new = field.convert_to_record(field.convert_to_cache(vals[fname], line), line)
                if line[fname] != new:
                    changed[fname] = line[fname]
            if changed:
                before[line.id] = changed
        return before

    def _crossborder_post_changes(self, before):
        """Say in the trials' chatter what ``before`` ({line id: {field: old}}) became."""
        Trial = self.env["crossborder.trial"]
        lines = defaultdict(list)
        for line in self.browse(before):
            changes = "; ".join(
                "%s: %s → %s"
                % (
                    field._description_string(self.env),
                    Trial._crossborder_display(field, old, line),
                    Trial._crossborder_display(field, line[fname], line),
                )
                for fname, old in before[line.id].items()
                for field in [self._fields[fname]]
            )
            # said on the trial the line was agreed on
            trial = old_trial if (old_trial := before[line.id].get("trial_id")) else line.trial_id
            lines[trial].append(
                self.env._(
                    "%(line)s: %(changes)s",
                    line=before[line.id].get("name") or line.name,
                    changes=changes,
                )
            )
        Trial._crossborder_post_list_changes(lines)
