# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class CrossborderHiddenRecordsMixin(models.AbstractModel):
    """Records that access rights and record rules let a user read, but that a
    rule of the suite keeps from him: a waiting lead's correspondence with the
    customer, the open answer of a sealed skill test...

    The model says which in ``_crossborder_hidden_domain`` (None: the user may
    read them all) and why in ``_crossborder_hidden_reason``. Every search leaves
    them out (lists, counts, grouped reads, name search, the sub-searches of
    other models' domains) and reading them by id is refused; writing them is
    left to the model's own rights unless ``_crossborder_hidden_operations`` says
    otherwise. The domain depends on the user and the superuser flag, never on a
    context key a client could pass."""

    _name = "crossborder.hidden.records.mixin"
    _description = "Records kept from some readers"

    # the operations refused on hidden records besides searching them; models whose
    # hidden records are not the user's to change either add write, create, unlink
    _crossborder_hidden_operations = ("read",)

    @api.model
    def _crossborder_hidden_domain(self):
        return None

    def _crossborder_hidden_reason(self):
        return self.env._("These records are not shown to you.")

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not kwargs.get("bypass_access"):
            hidden = self._crossborder_hidden_domain()
            if hidden is not None:
                domain = Domain(domain) & ~hidden
        return super()._search(domain, *args, **kwargs)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        hidden = self._crossborder_hidden_among(operation)
        if not hidden:
            return result
        forbidden = (result[0] if result else self.browse()) | hidden
        return forbidden, lambda: AccessError(self._crossborder_hidden_reason())

    def _crossborder_hidden_among(self, operation):
        """The records of self kept from the current user for ``operation``."""
        if operation not in self._crossborder_hidden_operations or not self:
            return self.browse()
        hidden_domain = self._crossborder_hidden_domain()
        if hidden_domain is None:
            return self.browse()
        return self.sudo().filtered_domain(hidden_domain).with_env(self.env)
