# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A salesperson leaves or changes team: his customers go to named colleagues,
each customer whole (all his open leads to one colleague), the biggest
customers first to whoever has received the fewest leads so far."""


def share_customers(customers, colleagues):
    """``customers``: [(customer key, [lead ids])]; ``colleagues``: user ids in
    the order the manager chose them. Returns {lead_id: user_id}."""
    if not colleagues:
        return {}
    received = dict.fromkeys(colleagues, 0)
    rank = {user: i for i, user in enumerate(colleagues)}
    result = {}
    for _key, leads in sorted(customers, key=lambda c: (-len(c[1]), str(c[0]))):
        user = min(colleagues, key=lambda u: (received[u], rank[u]))
        for lead in leads:
            result[lead] = user
        received[user] += len(leads)
    return result
