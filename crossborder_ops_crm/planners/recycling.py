# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which private leads go back to the pool, get a warning, or are escalated.

Two clocks per pool (the seed: "customers who have not converted for two weeks
are usually regarded as high-sea customers; for large projects it may take two
years"):

* follow-up clock: ``followup_days`` after the last real progress;
* conversion clock: ``conversion_days`` after the lead was assigned.

The first clock that runs out decides. A lead exactly ``followup_days`` idle is
due; one day less is not. ``warn_days`` before the due date the owner is warned
once. The ``max_recycles``-th recycle escalates the lead to the pool manager
instead of returning it to the pool, so it stops bouncing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import reasons

RECYCLE = "recycle"
WARN = "warn"
ESCALATE = "escalate"
GIVE_BACK = "over_cap"


@dataclass(frozen=True)
class PoolClocks:
    pool_id: int
    followup_days: int
    conversion_days: int
    warn_days: int
    max_recycles: int


@dataclass(frozen=True)
class HeldLead:
    lead_id: int
    owner_id: int
    pool_id: int
    last_progress: datetime
    assigned: datetime
    recycle_count: int = 0
    protected_until: datetime | None = None
    warned: bool = False


@dataclass(frozen=True)
class Decision:
    lead_id: int
    action: str
    rule: str
    due: datetime | None = None


def protection_end(day):
    """When a lead protected until ``day`` (a date) may go back: the lead stays
    with its salesperson that whole day, so from the next midnight (UTC, like
    the clocks). ``HeldLead.protected_until`` holds this moment."""
    if not day:
        return None
    return datetime.combine(day + timedelta(days=1), datetime.min.time())


def due_date(lead, clocks):
    """(due datetime, rule name): the first clock to run out, and never before
    the lead's protection ends. The one answer to "when does this lead go
    back": the recycling run, the warning and the lead's "Back to the pool on"
    all ask it (the SQL that gathers the leads only pre-filters)."""
    followup_due = lead.last_progress + timedelta(days=clocks.followup_days)
    conversion_due = lead.assigned + timedelta(days=clocks.conversion_days)
    if followup_due <= conversion_due:
        due, rule = followup_due, reasons.code("followup", days=clocks.followup_days)
    else:
        due, rule = conversion_due, reasons.code("conversion", days=clocks.conversion_days)
    if lead.protected_until and lead.protected_until > due:
        due = lead.protected_until
    return due, rule


def plan_recycling(leads, clocks_by_pool, now):
    """Decisions for held leads: recycle, escalate or warn (others: nothing)."""
    decisions = []
    for lead in leads:
        clocks = clocks_by_pool.get(lead.pool_id)
        if clocks is None or (lead.protected_until and lead.protected_until > now):
            continue  # protected: neither recycled nor warned before its protection ends
        due, rule = due_date(lead, clocks)
        if now >= due:
            if clocks.max_recycles and lead.recycle_count + 1 >= clocks.max_recycles:
                decisions.append(
                    Decision(
                        lead.lead_id,
                        ESCALATE,
                        reasons.code("escalate", cause=rule, count=lead.recycle_count + 1),
                        due,
                    )
                )
            else:
                decisions.append(Decision(lead.lead_id, RECYCLE, rule, due))
        elif not lead.warned and clocks.warn_days and now >= due - timedelta(days=clocks.warn_days):
            decisions.append(Decision(lead.lead_id, WARN, rule, due))
    return decisions


def plan_give_back(held_by_owner, cap_by_owner, now=None, count_by_owner=None):
    """Leads above an owner's private cap, idlest first, protected leads kept.

    ``held_by_owner``: {owner: [HeldLead, ...]} (the leads that may go back to a
    pool); ``cap_by_owner``: {owner: cap}; ``count_by_owner``: {owner: open leads
    held}, what the cap counts (default: the leads given).
    """
    decisions = []
    for owner, held in held_by_owner.items():
        cap = cap_by_owner.get(owner)
        count = (count_by_owner or {}).get(owner, len(held))
        if cap is None or count <= cap:
            continue
        excess = count - cap
        movable = [
            lead
            for lead in held
            if not (lead.protected_until and now and lead.protected_until > now)
        ]
        movable.sort(key=lambda lead: (lead.last_progress, lead.lead_id))
        for lead in movable[:excess]:
            decisions.append(
                Decision(lead.lead_id, GIVE_BACK, reasons.code("over_cap", cap=cap, held=count))
            )
    return decisions
