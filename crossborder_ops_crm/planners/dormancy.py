# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sleeping customers (the seed: "sleeping customers" are revived by new
salespeople). A customer who bought and has not bought again for the pool's
dormancy period is dormant: one revival lead is opened for him in the pool, and
a later purchase closes it as won."""

from typing import NamedTuple


class Customer(NamedTuple):
    partner_id: int
    last_purchase: object  # datetime of the last purchase
    worked: bool = False  # an open lead of his has a salesperson


def days_since(then, now):
    """Whole calendar days from ``then`` to ``now``."""
    return (now.date() - then.date()).days


def dormant(customers, now, days, revived):
    """Customers to revive now: last purchase ``days`` calendar days ago or more,
    nobody works them, and no revival was opened yet for that last purchase
    (``revived``: set of (partner_id, last_purchase)). Oldest purchases first."""
    if days <= 0:
        return []
    due = [
        customer
        for customer in customers
        if customer.last_purchase
        and not customer.worked
        and days_since(customer.last_purchase, now) >= days
        and (customer.partner_id, customer.last_purchase) not in revived
    ]
    return sorted(due, key=lambda c: (c.last_purchase, c.partner_id))


def revivals_won(revivals, purchases):
    """Open revivals closed by a purchase newer than the one they revive.

    ``revivals``: [(lead_id, partner_id, revived purchase datetime)];
    ``purchases``: {partner_id: last purchase datetime}.
    Returns [(lead_id, purchase datetime)]."""
    return [
        (lead_id, purchases[partner_id])
        for lead_id, partner_id, revived in revivals
        if partner_id in purchases and purchases[partner_id] > revived
    ]
