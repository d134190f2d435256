# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hand pool leads out in turn (the seed: "high-seas customers can be assigned
to new salesmen in turn on a regular basis").

For each lead, in pool order, the eligible salespeople are those who cover its
country, have room under their private cap and claim cap, are not the one who
just lost it, and (for leads reserved after recycling) belong to the "new"
tier. Among them the planner picks, in this order of keys:

1. the fewest leads received in this run (fairness: max - min <= 1);
2. the best match: speaks the customer's language (2), working hours overlap
   the customer's (1);
3. the least loaded (fewest private leads held before the run);
4. round-robin turn, counted from the salesperson after the persistent
   pointer (the last one served by the previous run).

Selection uses one heap per distinct set of (salesperson, preference) pairs:
leads whose country, language and hours give the same covering salespeople
with the same preferences share a heap, and entries are re-keyed lazily, so a
run costs O(leads x log(salespeople)).
"""

import heapq
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Candidate:
    user_id: int
    capacity: int  # leads this person may still receive (min of both caps)
    held: int = 0
    country_ids: frozenset | None = None  # None: every country of the pool
    langs: frozenset = frozenset()
    utc_hours: frozenset = frozenset()
    is_new: bool = True


class PoolLead(NamedTuple):  # a tuple: rotation builds tens of thousands
    lead_id: int
    country_id: int | None = None
    lang: str | None = None
    utc_hours: frozenset | None = None
    last_owner_id: int | None = None
    reserved_new: bool = False


@dataclass
class RotationPlan:
    assignments: list = field(default_factory=list)  # (lead_id, user_id, rule)
    skipped: list = field(default_factory=list)  # (lead_id, reason)
    pointer: int | None = None

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


def preference(candidate, lead):
    score = 0
    if lead.lang and lead.lang in candidate.langs:
        score += 2
    if lead.utc_hours and candidate.utc_hours & lead.utc_hours:
        score += 1
    return score


def _explain(candidate, lead, turn, received):
    parts = [f"turn {turn + 1}", f"{received} received this run", f"{candidate.held} held"]
    if lead.lang and lead.lang in candidate.langs:
        parts.append(f"speaks {lead.lang}")
    if lead.utc_hours and candidate.utc_hours & lead.utc_hours:
        parts.append(f"{len(candidate.utc_hours & lead.utc_hours)} h overlap")
    return "round-robin: " + ", ".join(parts)


def plan_rotation(leads, candidates, pointer=None):
    """Plan one rotation run. ``leads`` in pool order (oldest first)."""
    plan = RotationPlan(pointer=pointer)
    by_user = {c.user_id: c for c in candidates}
    turns = turn_order([c.user_id for c in candidates], pointer)
    received = dict.fromkeys(by_user, 0)
    room = {uid: c.capacity for uid, c in by_user.items()}
    heaps = {}  # (covering users, preferences) -> heap shared by the profiles that give it
    by_profile = {}  # (country, lang, hours) -> (covering users, heap)

    def heap_for(lead):
        profile = (lead.country_id, lead.lang, lead.utc_hours)
        found = by_profile.get(profile)
        if found is None:
            covering = [
                c
                for c in by_user.values()
                if c.country_ids is None or lead.country_id in c.country_ids
            ]
            keys = tuple(
                (-preference(c, lead), c.held, turns[c.user_id], c.user_id)
                for c in covering
                if c.capacity > 0
            )
            heap = heaps.get(keys)
            if heap is None:
                heap = [(received[key[-1]], *key) for key in keys]
                heapq.heapify(heap)
                heaps[keys] = heap
            found = by_profile[profile] = ({c.user_id for c in covering}, heap)
        return found

    assign = plan.assignments.append
    for lead in leads:
        covering, heap = heap_for(lead)
        set_aside, chosen = [], None
        while heap:
            entry = heapq.heappop(heap)
            user = entry[-1]
            if room[user] <= 0:
                continue  # full: drop for good
            if entry[0] != received[user]:
                heapq.heappush(heap, (received[user], *entry[1:]))
                continue
            if user == lead.last_owner_id or (lead.reserved_new and not by_user[user].is_new):
                set_aside.append(entry)
                continue
            chosen = entry
            break
        for entry in set_aside:
            heapq.heappush(heap, entry)
        if chosen is None:
            plan.skipped.append((lead.lead_id, _skip_reason(lead, covering, room, by_user)))
            continue
        user = chosen[-1]
        assign((lead.lead_id, user, _explain(by_user[user], lead, turns[user], received[user])))
        received[user] += 1
        room[user] -= 1
        if room[user] > 0:
            heapq.heappush(heap, (received[user], *chosen[1:]))
    if plan.assignments:
        plan.pointer = plan.assignments[-1][1]
    return plan


def _skip_reason(lead, covering, room, by_user):
    if not covering:
        return "no salesperson covers this country"
    open_ = [u for u in covering if room[u] > 0]
    if not open_:
        return "every salesperson covering this country is at a cap"
    if all(u == lead.last_owner_id for u in open_):
        return "only the salesperson who just lost it could take it"
    if lead.reserved_new and not any(by_user[u].is_new for u in open_ if u != lead.last_owner_id):
        return "reserved for new salespeople, none has room"
    return "no eligible salesperson"
