# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer ownership: what moves together and what the caps count.

A pool works per lead (each lead is claimed, rotated and recycled on its own)
or per customer: then a customer's open leads in the pool move together and
the caps count customers. The *unit* is what one owner holds:

* in a pool that works per customer, the customer: the commercial partner of
  the lead's contact (``partner_id.commercial_partner_id``);
* a lead without a contact, or any lead of a pool that works per lead, is its
  own unit.

Plain data in, plain data out: the model gathers the rows, these functions
group them, and the model moves the leads.
"""

from datetime import datetime
from typing import NamedTuple


class UnitLead(NamedTuple):
    lead_id: int
    customer_id: int | None = None  # commercial partner; None: the lead has no contact
    owner_id: int | None = None  # None: waiting in the pool
    assigned: datetime | None = None  # when its owner got it


def unit_key(lead_id, customer_id, per_customer=True):
    """The unit a lead belongs to: ("customer", partner id) or ("lead", lead id)."""
    if per_customer and customer_id:
        return ("customer", customer_id)
    return ("lead", lead_id)


def group_units(leads, per_customer=True):
    """{unit key: [lead ids]} of ``leads`` (UnitLead), units and leads in the
    order the leads come: the first lead of a unit heads it."""
    units = {}
    for lead in leads:
        units.setdefault(unit_key(lead.lead_id, lead.customer_id, per_customer), []).append(
            lead.lead_id
        )
    return units


def count_units(leads, per_customer=True):
    """How many units ``leads`` make: what a cap counts."""
    return len(group_units(leads, per_customer))


def split_customers(leads):
    """{customer id: owners} of the customers whose open leads are not held by one
    owner alone: several salespeople, or a salesperson and the pool (owner None).
    These stop a switch to customer ownership until someone decides."""
    owners = {}
    for lead in leads:
        if lead.customer_id:
            owners.setdefault(lead.customer_id, set()).add(lead.owner_id)
    return {
        customer: sorted(found, key=lambda owner: (owner is None, owner or 0))
        for customer, found in owners.items()
        if len(found) > 1
    }


def keeper(leads):
    """The owner who keeps a split customer: the salesperson who took one of his
    leads last (latest assignment, then the newest lead); None when nobody holds
    any of them."""
    held = [lead for lead in leads if lead.owner_id]
    if not held:
        return None
    return max(held, key=lambda lead: (lead.assigned or datetime.min, lead.lead_id)).owner_id


def reconcile(leads):
    """[(lead_id, from owner, to owner, customer)]: the moves that leave each split
    customer with one owner, the one :func:`keeper` names; the leads waiting in
    the pool join him too. Deterministic: the same rows give the same moves."""
    by_customer = {}
    for lead in leads:
        if lead.customer_id:
            by_customer.setdefault(lead.customer_id, []).append(lead)
    moves = []
    for customer in sorted(split_customers(leads)):
        owner = keeper(by_customer[customer])
        moves.extend(
            (lead.lead_id, lead.owner_id, owner, customer)
            for lead in sorted(by_customer[customer], key=lambda lead: lead.lead_id)
            if lead.owner_id != owner
        )
    return moves


def expand(assignments, units):
    """Rotation planned on units (one lead heads each): [(lead, user, rule, head)]
    for every lead of each assigned unit; ``head`` is True for the lead that
    stood for its unit (the one the caps and the fairness figures count).
    ``units``: {head lead id: [lead ids]}."""
    result = []
    for head, user, rule in assignments:
        for lead_id in units.get(head, [head]):
            result.append((lead_id, user, rule, lead_id == head))
    return result


def group_held(held_by_owner, customer_of):
    """Give-back in pools working per customer: ({owner: [HeldLead per unit]},
    {head lead id: [lead ids]}). ``held_by_owner``: {owner: [HeldLead]};
    ``customer_of``: {lead id: customer id} of the leads of such pools (others
    stay units of their own). A unit is headed by its first lead, is as idle as
    its freshest lead and protected as long as any of its leads is."""
    from dataclasses import replace

    result, units = {}, {}
    for owner, leads in held_by_owner.items():
        groups = {}
        for lead in leads:
            customer = customer_of.get(lead.lead_id)
            key = (lead.pool_id, customer) if customer else ("lead", lead.lead_id)
            groups.setdefault(key, []).append(lead)
        for members in groups.values():
            members.sort(key=lambda lead: lead.lead_id)
            head = members[0]
            units[head.lead_id] = [lead.lead_id for lead in members]
            protected = [lead.protected_until for lead in members if lead.protected_until]
            result.setdefault(owner, []).append(
                replace(
                    head,
                    last_progress=max(lead.last_progress for lead in members),
                    protected_until=max(protected) if protected else None,
                )
            )
    return result, units
