# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _pool_mask_domain(self, domain):
        # a masked lead's quotations are hidden with its customer: searching the
        # lead by them ("order_ids in [28]") does not confirm which one is its
        unmasked = self._pool_unmasked_domain()

        def guard(condition):
            if condition.field_expr.split(".", 1)[0] == "order_ids":
                return condition & unmasked
            return condition

        return Domain(super()._pool_mask_domain(domain)).map_conditions(guard)
