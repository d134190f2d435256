# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""May this salesperson take this lead now? The one rule every path asks.

Claims, the rotation, a salesperson changing the Salesperson field (form, RPC
``write``/``create``, convert, merge) all call :func:`refusal` (or, for the
rotation, which tracks the caps itself while it plans, :func:`room` and
:func:`static_refusal`). A refusal names the rule; the model words it.

The checks, in the order a refusal reports them:

1. ``not_member``: the salesperson is not in the lead's sales team;
2. ``region``: the salesperson covers some countries and not the lead's;
3. ``private_cap``: open private leads held in the team + these > private cap;
4. ``claim_cap``: claimed from the pool this period + these > claim cap (only
   for leads a salesperson takes from the pool himself; the leads the rotation
   hands him are not claims: the private cap alone bounds them). In pools
   working per customer both caps count customers (``Offer.unit``), not leads;
5. ``reserved``: a lead back from recycling waits for the new tier until its
   reservation ends (only for leads taken from the pool);
6. ``cooldown``: the salesperson gave this lead back (release, recycling,
   give-back) less than the pool's cool-down ago;
7. ``straight_back``: the rotation never hands a lead back to the salesperson
   who just lost it, even after the cool-down (a claim may).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

NOT_MEMBER = "not_member"
REGION = "region"
PRIVATE_CAP = "private_cap"
CLAIM_CAP = "claim_cap"
RESERVED = "reserved"
COOLDOWN = "cooldown"
STRAIGHT_BACK = "straight_back"


@dataclass(frozen=True)
class Taker:
    """A salesperson's counters in one sales team."""

    user_id: int
    member: bool = True
    private_cap: int = 0
    held: int = 0
    claim_cap: int = 0
    claimed: int = 0
    is_new: bool = False
    country_ids: frozenset | None = None  # None: every country


@dataclass(frozen=True)
class Offer:
    """A lead as the rule sees it."""

    lead_id: int
    country_id: int | None = None
    from_pool: bool = True  # waiting in the pool: claim cap and reservation apply
    reserved_until: datetime | None = None
    last_owner_id: int | None = None
    given_back: tuple = ()  # ((user_id, last give-back datetime), ...)
    cooldown_days: int = 0
    unit: tuple | None = None  # what the caps count (planners.customers.unit_key); None: the lead


@dataclass(frozen=True)
class Refusal:
    code: str
    lead_id: int | None = None
    until: datetime | None = None  # reservation or cool-down end


def room(taker, from_pool=True):
    """How many more leads ``taker`` may take now (caps only); ``from_pool``:
    claimed, so that the claim cap bounds them too."""
    free = taker.private_cap - taker.held
    if from_pool:
        free = min(free, taker.claim_cap - taker.claimed)
    return max(free, 0)


def cooling_until(offer, user_id):
    """End of ``user_id``'s cool-down on this lead, or None."""
    if not offer.cooldown_days:
        return None
    last = max((date for user, date in offer.given_back if user == user_id), default=None)
    return last and last + timedelta(days=offer.cooldown_days)


def _coverage_refusal(taker, offer):
    if not taker.member:
        return Refusal(NOT_MEMBER, offer.lead_id)
    if taker.country_ids is not None and offer.country_id not in taker.country_ids:
        return Refusal(REGION, offer.lead_id)
    return None


def _timing_refusal(taker, offer, now, rotation):
    if offer.from_pool and offer.reserved_until and offer.reserved_until > now:
        if not taker.is_new:
            return Refusal(RESERVED, offer.lead_id, offer.reserved_until)
    until = cooling_until(offer, taker.user_id)
    if until and until > now:
        return Refusal(COOLDOWN, offer.lead_id, until)
    if rotation and offer.last_owner_id == taker.user_id:
        return Refusal(STRAIGHT_BACK, offer.lead_id)
    return None


def static_refusal(taker, offer, now, rotation=False):
    """The checks that do not depend on how many leads are taken at once."""
    return _coverage_refusal(taker, offer) or _timing_refusal(taker, offer, now, rotation)


def units(offers):
    """What the caps count of ``offers``: a pool working per customer counts a
    customer once, however many of his leads come with him."""
    return len({offer.unit or ("lead", offer.lead_id) for offer in offers})


def refusal(taker, offers, now, rotation=False):
    """None when ``taker`` may take all of ``offers`` now, else the first Refusal
    in the order of the module's docstring."""
    offers = list(offers)
    for offer in offers:
        found = _coverage_refusal(taker, offer)
        if found:
            return found
    if taker.held + units(offers) > taker.private_cap:
        return Refusal(PRIVATE_CAP)
    from_pool = units([offer for offer in offers if offer.from_pool])
    if from_pool and taker.claimed + from_pool > taker.claim_cap:
        return Refusal(CLAIM_CAP)
    for offer in offers:
        found = _timing_refusal(taker, offer, now, rotation)
        if found:
            return found
    return None
