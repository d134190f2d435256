# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shop's contact form vouches for nobody: its writer types the address he
writes from, the form's own mailer included, which passed for the shop vouching
for him and bound the order he quoted (outside audit 65). The shipped channel is
marked a contact form while it still reads the shop's mailer as shipped."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    channel = env.ref("crossborder_ops_helpdesk.channel_shopify", raise_if_not_found=False)
    if channel and channel.intake_sender_pattern == "^mailer@shopify\\.com$":
        channel.intake_contact_form = True
