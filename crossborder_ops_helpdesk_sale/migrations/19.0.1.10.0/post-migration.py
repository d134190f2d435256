# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shipped sender patterns of Amazon, eBay and AliExpress name the
marketplaces' own domains: their open ending let a subdomain anyone makes of his
own domain (marketplace.amazon.example.com) pass for the marketplace, bind an
order and its buyer, and receive the agent's replies (outside audit 62, F3).
A pattern a user changed is left as he wrote it."""

from odoo import SUPERUSER_ID, api

PATTERNS = {
    "crossborder_ops_helpdesk.channel_amazon": [
        (
            "intake_sender_pattern",
            (
                "@marketplace\\.amazon\\.[a-z.]+$",
                "@marketplace\\.amazon\\.(com|ca|com\\.mx|com\\.br|co\\.uk|de|fr|it|es|nl|se|pl|com\\.be|com\\.tr|ae|sa|eg|in|co\\.jp|sg|com\\.au)$",
            ),
        ),
        (
            "intake_notification_pattern",
            (
                "^(donotreply|do-not-reply|no-reply|noreply|seller-notification|auto-communication)@(.+\\.)?amazon\\.[a-z.]+$",
                "^(donotreply|do-not-reply|no-reply|noreply|seller-notification|auto-communication)@(.+\\.)?amazon\\.(com|ca|com\\.mx|com\\.br|co\\.uk|de|fr|it|es|nl|se|pl|com\\.be|com\\.tr|ae|sa|eg|in|co\\.jp|sg|com\\.au)$",
            ),
        ),
    ],
    "crossborder_ops_helpdesk.channel_ebay": [
        (
            "intake_sender_pattern",
            (
                "@members\\.ebay\\.[a-z.]+$",
                "@members\\.ebay\\.(com|ca|co\\.uk|de|fr|it|es|at|ch|nl|be|ie|pl|com\\.au|com\\.hk|com\\.sg|com\\.my|ph|in)$",
            ),
        ),
        (
            "intake_notification_pattern",
            (
                "^(ebay|noreply|no-reply|donotreply)@(.+\\.)?ebay\\.[a-z.]+$",
                "^(ebay|noreply|no-reply|donotreply)@(.+\\.)?ebay\\.(com|ca|co\\.uk|de|fr|it|es|at|ch|nl|be|ie|pl|com\\.au|com\\.hk|com\\.sg|com\\.my|ph|in)$",
            ),
        ),
    ],
    "crossborder_ops_helpdesk.channel_aliexpress": [
        (
            "intake_notification_pattern",
            (
                "^(promotion|promotions|newsletter|marketing|account|security)@(.+\\.)?aliexpress\\.[a-z.]+$",
                "^(promotion|promotions|newsletter|marketing|account|security)@(.+\\.)?aliexpress\\.(com|ru|us)$",
            ),
        ),
    ],
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, fields in PATTERNS.items():
        channel = env.ref(xmlid, raise_if_not_found=False)
        for field, (shipped, now) in fields:
            if channel and channel[field] == shipped:
                channel[field] = now
