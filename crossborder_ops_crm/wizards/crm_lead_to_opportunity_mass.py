# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead2opportunityPartnerMass(models.TransientModel):
    """The mass conversion wizard inherits the guard of the single one
    (crm_lead_to_opportunity.py); its leads to convert are looked up by their
    contact too (their duplicates by the customer's e-mail)."""

    _inherit = "crm.lead2opportunity.partner.mass"

    _crossborder_lead_fields = ("lead_id", "duplicated_lead_ids", "lead_tomerge_ids")
