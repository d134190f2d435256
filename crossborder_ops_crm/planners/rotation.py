# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hand pool leads out in turn (the seed: "high-seas customers can be assigned
to new salesmen in turn on a regular basis").

Who may receive a lead is decided by :mod:`.eligibility` (region, caps,
reservation for the new tier, cool-down, never straight back to the one who
just lost it). Among those, the planner picks, in this order of keys:

1. the fewest leads received in this run (fairness);
2. the best match: speaks the customer's language (2), working hours overlap
   the customer's (1);
3. where the pool prefers results: the better converter, by steps of 10
   points of conversion over the last 90 days (salespeople without closed
   leads yet count as the average of the others, so a newcomer is not last);
4. the least loaded (fewest private leads held before the run);
5. round-robin turn, counted from the salesperson after the persistent
   pointer (the last one served by the previous run).

That greedy pass, in pool order, is fair as long as every lead may go to
everyone; when some leads may go to few people (region, cool-down) and come
last, it can end 9/6 where 8/7 was possible. Two global passes then work on
*profiles* (leads whose country, language, hours, reservation and cool-downs
give the same eligible salespeople): first they place leads the greedy pass
left over by moving others along a chain of eligible salespeople, then they
move leads from the most served to the least served along such chains until
no chain lowers the spread. When no chain exists, the constraints forbid a
fairer run. Each search touches every profile once, so a run costs
O(leads x log(salespeople)) plus O(moves x profiles x salespeople).
"""

import bisect
import heapq
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from . import reasons
from .eligibility import Offer, static_refusal


@dataclass(frozen=True)
class Candidate:
    user_id: int
    capacity: int  # leads this person may still receive (eligibility.room)
    held: int = 0
    country_ids: frozenset | None = None  # None: every country of the pool
    langs: frozenset = frozenset()
    utc_hours: frozenset = frozenset()
    is_new: bool = True
    member: bool = True
    conversion: float | None = None  # % over 90 days, where the pool prefers results


class PoolLead(NamedTuple):  # a tuple: rotation builds tens of thousands
    lead_id: int
    country_id: int | None = None
    lang: str | None = None
    utc_hours: frozenset | None = None
    last_owner_id: int | None = None
    reserved_until: datetime | None = None
    given_back: tuple = ()  # ((user_id, datetime), ...) within the cool-down
    value: float = 0.0  # expected revenue x probability: balanced after the counts


@dataclass
class RotationPlan:
    assignments: list = field(default_factory=list)  # (lead_id, user_id, rule)
    skipped: list = field(default_factory=list)  # (lead_id, reason)
    pointer: int | None = None
    moved: int = 0  # leads the global passes moved after the greedy pass
    swapped: int = 0  # pairs of leads exchanged to balance value at equal counts
    busy: int = 0  # waiting leads another transaction held (preview only)
    waiting: int = 0  # waiting leads read, busy ones included (preview only)
    held_back: dict = field(default_factory=dict)  # lead_id -> tier it would have gone to
    seed: int | None = None  # of the hold-back draw (see holdback.py)

    def counts(self):
        result = {}
        for _lead, user, _rule in self.assignments:
            result[user] = result.get(user, 0) + 1
        return result


def turn_order(user_ids, pointer):
    """{user_id: turn}, turn 0 being the salesperson right after the pointer."""
    ordered = sorted(user_ids)
    if not ordered:
        return {}
    start = ordered.index(pointer) + 1 if pointer in ordered else 0
    return {user: (i - start) % len(ordered) for i, user in enumerate(ordered)}


def results_steps(candidates):
    """{user_id: step} of conversion (10 points a step) for the ranking; all 0
    when nobody's conversion is known (the pool does not prefer results)."""
    known = [c.conversion for c in candidates if c.conversion is not None]
    if not known:
        return {c.user_id: 0 for c in candidates}
    average = sum(known) / len(known)
    return {
        c.user_id: int((average if c.conversion is None else c.conversion) // 10)
        for c in candidates
    }


def preference(candidate, lead):
    score = 0
    if lead.lang and lead.lang in candidate.langs:
        score += 2
    if lead.utc_hours and candidate.utc_hours & lead.utc_hours:
        score += 1
    return score


def _explain(candidate, lead, turn, received, lang_names=None):
    """The rule as code and values (see reasons.py): the receiver, which of
    his leads of this run it is, how many he held, language and hours in
    common with the customer. ``lang_names`` is no longer needed: the
    language is named when the rule is shown, in the reader's language."""
    values = {
        "user": candidate.user_id,
        "turn": turn + 1,
        "nth": received + 1,
        "held": candidate.held,
    }
    if lead.lang and lead.lang in candidate.langs:
        values["lang"] = lead.lang
    if lead.utc_hours and candidate.utc_hours & lead.utc_hours:
        values["hours"] = len(candidate.utc_hours & lead.utc_hours)
    if candidate.conversion is not None:
        values["conversion"] = round(candidate.conversion)
    return reasons.code("round_robin", **values)


class _Profile:
    """Leads that the same salespeople may receive, with the same preferences."""

    __slots__ = ("eligible", "heap", "leads", "refusals", "covering")

    def __init__(self, eligible, heap, refusals, covering):
        self.eligible = eligible  # user ids
        self.heap = heap
        self.leads = []  # indexes into the lead list, pool order
        self.refusals = refusals  # {user_id: refusal code} of covering users
        self.covering = covering  # users who cover the country


def plan_rotation(leads, candidates, pointer=None, now=None, cooldown_days=0, lang_names=None):
    """Plan one rotation run. ``leads`` in pool order (oldest first);
    ``lang_names``: {code: name} for the explanations."""
    now = now or datetime.now()
    plan = RotationPlan(pointer=pointer)
    by_user = {c.user_id: c for c in candidates}
    turns = turn_order([c.user_id for c in candidates], pointer)
    steps = results_steps(candidates)
    received = dict.fromkeys(by_user, 0)
    room = {uid: c.capacity for uid, c in by_user.items()}
    heaps = {}  # ranking keys -> heap shared by the profiles that give them
    profiles = {}  # (country, lang, hours, last owner, reserved, cool-downs) -> _Profile

    def profile_for(lead):
        offer = Offer(
            lead.lead_id,
            lead.country_id,
            from_pool=True,
            reserved_until=lead.reserved_until,
            last_owner_id=lead.last_owner_id,
            given_back=lead.given_back,
            cooldown_days=cooldown_days,
        )
        key = (
            lead.country_id,
            lead.lang,
            lead.utc_hours,
            lead.last_owner_id,
            bool(lead.reserved_until and lead.reserved_until > now),
            lead.given_back if cooldown_days else (),
        )
        found = profiles.get(key)
        if found is None:
            refusals, covering = {}, []
            for c in by_user.values():
                found_refusal = static_refusal(c, offer, now, rotation=True)
                if found_refusal is None or found_refusal.code not in ("not_member", "region"):
                    covering.append(c.user_id)
                if found_refusal is not None:
                    refusals[c.user_id] = found_refusal.code
            keys = tuple(
                (-preference(c, lead), -steps[c.user_id], c.held, turns[c.user_id], c.user_id)
                for c in by_user.values()
                if c.user_id not in refusals and c.capacity > 0
            )
            heap = heaps.get(keys)
            if heap is None:
                heap = [(received[key[-1]], *key) for key in keys]
                heapq.heapify(heap)
                heaps[keys] = heap
            found = profiles[key] = _Profile(
                frozenset(k[-1] for k in keys), heap, refusals, covering
            )
        return found

    # 1. greedy pass in pool order
    owner = [None] * len(leads)
    lead_profile = [None] * len(leads)
    for index, lead in enumerate(leads):
        profile = profile_for(lead)
        profile.leads.append(index)
        lead_profile[index] = profile
        heap = profile.heap
        while heap:
            entry = heap[0]
            user = entry[-1]
            if room[user] <= 0:
                heapq.heappop(heap)  # full: drop for good
                continue
            if entry[0] != received[user]:
                heapq.heapreplace(heap, (received[user], *entry[1:]))
                continue
            owner[index] = user
            received[user] += 1
            room[user] -= 1
            if room[user] > 0:
                heapq.heapreplace(heap, (received[user], *entry[1:]))
            else:
                heapq.heappop(heap)
            break

    # 2. global passes on profiles
    plan.moved = _rebalance(owner, profiles.values(), received, room)
    # 3. value: exchanges that keep every count
    plan.swapped = _balance_value(owner, leads, lead_profile)

    # 4. the plan, explained in pool order
    given = dict.fromkeys(by_user, 0)
    assign = plan.assignments.append
    for index, lead in enumerate(leads):
        user = owner[index]
        if user is None:
            reason = _skip_reason(lead_profile[index], room)
            plan.skipped.append((lead.lead_id, reason))
            continue
        assign(
            (
                lead.lead_id,
                user,
                _explain(by_user[user], lead, turns[user], given[user], lang_names),
            )
        )
        given[user] += 1
    if plan.assignments:
        plan.pointer = plan.assignments[-1][1]
    return plan


def _rebalance(owner, profiles, received, room):
    """Place left-over leads, then even out the counts, along chains of eligible
    salespeople. Returns how many leads changed hands."""
    profiles = [p for p in profiles if p.eligible]
    if not profiles:
        return 0
    chains = _Chains(owner, profiles, received, room)
    chains.place_left_over()
    chains.even_out()
    return chains.moved


class _Chains:
    """Chains of "salesperson u passes one of his leads of profile p to any
    salesperson p may go to", over the greedy pass's result."""

    def __init__(self, owner, profiles, received, room):
        self.owner, self.profiles, self.received, self.room = owner, profiles, received, room
        self.moved = 0
        # holdings[user][profile] = lead indexes (pool order) of that profile he holds
        self.holdings = {}
        for profile in profiles:
            for index in profile.leads:
                if owner[index] is not None:
                    self._hold(owner[index], profile, index)

    def _hold(self, user, profile, index):
        self.holdings.setdefault(user, {}).setdefault(profile, []).append(index)

    def search(self, starts, accept):
        """Breadth-first from ``starts``; each profile is expanded once. Returns
        (chain [(giver, profile, taker)], end) for the best user ``accept``
        ranks (lowest key, None refuses), or None."""
        parent = dict.fromkeys(starts)
        queue = deque(starts)
        explored = set()
        best = best_key = None
        while queue:
            user = queue.popleft()
            key = accept(user)
            if key is not None and (best_key is None or key < best_key):
                best, best_key = user, key
            for profile, indexes in self.holdings.get(user, {}).items():
                if profile in explored or not indexes:
                    continue
                explored.add(profile)
                for nxt in profile.eligible:
                    if nxt not in parent:
                        parent[nxt] = (user, profile)
                        queue.append(nxt)
        if best is None:
            return None
        chain, user = [], best
        while parent[user] is not None:
            giver, profile = parent[user]
            chain.append((giver, profile, user))
            user = giver
        chain.reverse()
        return chain, best

    def shift(self, chain):
        for giver, profile, taker in chain:
            index = self.holdings[giver][profile].pop()
            self.owner[index] = taker
            self._hold(taker, profile, index)
        self.moved += len(chain)

    def _take(self, user):
        self.received[user] += 1
        self.room[user] -= 1

    def place_left_over(self):
        """Put each lead the greedy pass left over on an eligible salesperson
        with room, directly or by passing one of theirs on."""
        for profile in self.profiles:
            for index in profile.leads:
                if self.owner[index] is not None:
                    continue
                found = self.search(
                    list(profile.eligible),
                    lambda u: (self.received[u], u) if self.room[u] > 0 else None,
                )
                if found is None:
                    break  # nobody reachable has room: the rest of this profile stays
                chain, end = found
                self.shift(chain)
                first = chain[0][0] if chain else end
                self.owner[index] = first
                self._hold(first, profile, index)
                self._take(end)

    def even_out(self):
        """From the most served, pass a lead along a chain to someone served at
        least two fewer, while such a chain exists."""
        received, room = self.received, self.room
        improved = True
        while improved:
            improved = False
            for top in sorted(self.holdings, key=lambda u: -received[u]):
                ceiling = received[top] - 2
                found = self.search(
                    [top],
                    lambda u, c=ceiling: (received[u], u)
                    if room[u] > 0 and received[u] <= c
                    else None,
                )
                if found and found[0]:
                    chain, end = found
                    self.shift(chain)
                    received[top] -= 1
                    room[top] += 1
                    self._take(end)
                    improved = True
                    break


def _balance_value(owner, leads, lead_profile, extremes=3, max_swaps=None):
    """Exchange leads between the salespeople holding the most and the least
    value (expected revenue x probability), one for one, so that nobody's count
    changes and the fairness of counts holds: an exchange is made when both may
    receive the other's lead and it brings their values closer. Tries the
    ``extremes`` richest against the ``extremes`` poorest, at most ``max_swaps``
    times (default: twice the leads). Returns the number of exchanges."""
    values = [lead.value or 0.0 for lead in leads]
    if not any(values):
        return 0
    held = {}
    for index, user in enumerate(owner):
        if user is not None:
            held.setdefault(user, []).append(index)
    total = {user: sum(values[i] for i in indexes) for user, indexes in held.items()}
    limit = max_swaps if max_swaps is not None else 2 * len(leads)
    swaps = 0

    while swaps < limit:
        ranked = sorted(total, key=lambda u: (total[u], u))
        if len(ranked) < 2:
            break
        done = False
        for rich in reversed(ranked[-extremes:]):
            for poor in ranked[:extremes]:
                if total[rich] - total[poor] <= 0:
                    continue
                found = _best_exchange(rich, poor, held, total, values, lead_profile)
                if found is None:
                    continue
                _miss, give, take, delta = found
                owner[give], owner[take] = poor, rich
                held[rich].remove(give)
                held[rich].append(take)
                held[poor].remove(take)
                held[poor].append(give)
                total[rich] -= delta
                total[poor] += delta
                swaps += 1
                done = True
                break
            if done:
                break
        if not done:
            break
    return swaps


def _best_exchange(rich, poor, held, total, values, lead_profile):
    """(miss, lead rich gives, lead poor gives, value moved) that brings the two
    values closest, or None."""
    gap = total[rich] - total[poor]
    gives = [i for i in held[rich] if poor in lead_profile[i].eligible and values[i] > 0]
    takes = sorted((values[i], i) for i in held[poor] if rich in lead_profile[i].eligible)
    if not gives or not takes:
        return None
    take_values = [v for v, _i in takes]
    best = None
    for give in gives:
        # the poorer one's lead whose value is closest to values[give] - gap / 2
        pos = bisect.bisect_left(take_values, values[give] - gap / 2.0)
        for k in (pos - 1, pos):
            if 0 <= k < len(takes):
                delta = values[give] - take_values[k]
                if 0 < delta < gap:
                    miss = abs(gap - 2 * delta)
                    if best is None or miss < best[0]:
                        best = (miss, give, takes[k][1], delta)
    return best


def _skip_reason(profile, room):
    if not profile.covering:
        return reasons.code("no_cover")
    open_ = [u for u in profile.covering if room[u] > 0]
    if not open_:
        return reasons.code("all_capped")
    codes = {profile.refusals.get(u) for u in open_}
    if codes == {"straight_back"}:
        return reasons.code("straight_back")
    if codes == {"reserved"}:
        return reasons.code("reserved_full")
    if codes <= {"cooldown", "straight_back", "reserved"} and "cooldown" in codes:
        return reasons.code("cooldown_all")
    return reasons.code("no_eligible")
