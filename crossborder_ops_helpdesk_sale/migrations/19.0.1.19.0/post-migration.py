# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api

AMAZON_SUBJECT = (
    r"^[A-Za-z][A-Za-z ]{2,60} from Amazon customer [^()\d\n]{1,80} "
    r"\(Order: (\d{3}-\d{7}-\d{7})\)$"
)


def migrate(cr, version):
    """Amazon's channel (loaded once, then the users') gets the subject Amazon
    writes about an order, where nobody has set one: a relay its order does not
    know yet is linked to the order only by that subject."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    amazon = env.ref("crossborder_ops_helpdesk.channel_amazon", raise_if_not_found=False)
    if amazon and not amazon.intake_subject_order_pattern:
        amazon.intake_subject_order_pattern = AMAZON_SUBJECT
