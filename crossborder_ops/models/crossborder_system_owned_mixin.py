# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class CrossborderSystemOwnedMixin(models.AbstractModel):
    """Fields that only the system writes: measured figures (response times,
    reopenings, before/after rates, test scores), verdicts (effectiveness, passed)
    and answers that belong to someone else (a department's confirmation, an
    applicant's submission).

    Users change them only through the methods that own them, which check who
    calls and then write with ``sudo()``. The guard lives in ``create``/``write``
    so that no path (form, import, JSON-RPC, XML-RPC) goes around it; it depends
    on the superuser flag of the environment, never on a context key a client
    could pass.
    """

    _name = "crossborder.system.owned.mixin"
    _description = "Fields written only by the system"

    # field names; set by the models that use the mixin
    _cbo_system_fields = frozenset()

    def _check_system_fields(self, vals_list, creating=False):
        if self.env.su:
            return
        forbidden = set()
        for vals in vals_list:
            for name in self._cbo_system_fields.intersection(vals):
                value = vals[name]
                field = self._fields[name]
                default = field.default(self) if field.default else False
                if isinstance(default, models.BaseModel):  # the company's, say
                    default = default.id
                # a new record may carry the empty or default value (forms send
                # what they show); anything else is a value the user forges
                if creating and (not value or value == default):
                    continue
                forbidden.add(name)
        if forbidden:
            labels = sorted(self._fields[name]._description_string(self.env) for name in forbidden)
            raise AccessError(
                self.env._(
                    "On %(model)s, %(fields)s: set by the system, not by hand. %(how)s",
                    fields=", ".join(labels),
                    model=self.env["ir.model"].sudo()._get(self._name).name,
                    how=self._cbo_system_how(),
                )
            )

    def _cbo_system_how(self):
        """What the user does instead, in the refusal."""
        return self.env._(
            "Only the record's buttons change what the system sets (confirm or dispute, done, "
            "measure the effect, grade)."
        )
