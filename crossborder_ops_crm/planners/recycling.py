# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which private leads go back to the pool, get a warning, or are escalated.

Two clocks per pool (the seed: "customers who have not converted for two weeks
are usually regarded as high-sea customers; for large projects it may take two
years"):

* follow-up clock: ``followup_days`` after the last real progress;
* conversion clock: ``conversion_days`` after the lead was assigned.

The first clock that runs out decides. A lead exactly ``followup_days`` idle is
due; one day less is not. A lead a manager protects until a date stays with its
owner through that whole day (UTC): it is due at the later of its clock and the
end of its protection. ``warn_days`` before the due date the owner is warned
once (not while the lead is protected). The ``max_recycles``-th recycle
escalates the lead to the pool manager instead of returning it to the pool, so
it stops bouncing.

:func:`recycle_due` is the one answer to "when is this lead due back in the
pool": the recycler acts on it and the lead's "Back to the pool on" shows it.
The SQL that gathers held leads only narrows them down with an index (see
``crossborder.pool.store``); it never decides.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import NamedTuple

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


class HeldLead(NamedTuple):  # a tuple: recycling reads tens of thousands
    lead_id: int
    owner_id: int
    pool_id: int
    last_progress: datetime
    assigned: datetime
    recycle_count: int = 0
    protected_until: datetime | None = None  # end of protection (see protection_end)
    warned: bool = False


@dataclass(frozen=True)
class Decision:
    lead_id: int
    action: str
    rule: str
    due: datetime | None = None


class Due(NamedTuple):
    date: datetime  # the lead goes back to the pool from this moment
    rule: str  # the clock that runs out first
    protected: bool = False  # the date is the end of the lead's protection


def protection_end(protected_until):
    """A lead protected until a date stays with its owner through that day:
    the protection ends at midnight (UTC) after it. None when not protected."""
    if not protected_until:
        return None
    if isinstance(protected_until, datetime):
        protected_until = protected_until.date()
    return datetime.combine(protected_until + timedelta(days=1), time.min)


def recycle_due(lead, clocks):
    """When ``lead`` (a HeldLead) is due back in the pool, and why."""
    followup_due = lead.last_progress + timedelta(days=clocks.followup_days)
    conversion_due = lead.assigned + timedelta(days=clocks.conversion_days)
    if followup_due <= conversion_due:
        due = Due(followup_due, reasons.code("followup", days=clocks.followup_days))
    else:
        due = Due(conversion_due, reasons.code("conversion", days=clocks.conversion_days))
    if lead.protected_until and lead.protected_until > due.date:
        return Due(lead.protected_until, due.rule, protected=True)
    return due


def due_date(lead, clocks):
    """(due datetime, rule) of :func:`recycle_due`, for older callers."""
    due = recycle_due(lead, clocks)
    return due.date, due.rule


def earliest_candidate(clocks, now):
    """The latest start of the earliest clock a lead may have and still be due
    or warned at ``now``: what the SQL narrows held leads down with (a bound,
    not the rule; the rule is :func:`recycle_due`)."""
    shortest = min(clocks.followup_days, clocks.conversion_days)
    return now - timedelta(days=shortest - max(clocks.warn_days, 0))


def plan_recycling(leads, clocks_by_pool, now):
    """Decisions for held leads: recycle, escalate or warn (others: nothing)."""
    decisions = []
    for lead in leads:
        clocks = clocks_by_pool.get(lead.pool_id)
        if clocks is None or (lead.protected_until and lead.protected_until > now):
            continue
        due, rule, _protected = recycle_due(lead, clocks)
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
