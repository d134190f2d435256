# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which pool an unassigned lead belongs to."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PoolRule:
    pool_id: int
    team_id: int | None
    country_ids: frozenset  # empty: any country


def specificity(rule):
    """Team + countries beats team only, which beats countries only, then catch-all."""
    return (rule.team_id is not None) * 2 + bool(rule.country_ids)


def match_pool(rules, team_id, country_id):
    """Return the pool id of the most specific rule matching (team, country), or None."""
    best, best_rank = None, -1
    for rule in rules:
        if rule.team_id is not None and rule.team_id != team_id:
            continue
        if rule.country_ids and country_id not in rule.country_ids:
            continue
        rank = specificity(rule)
        if rank > best_rank or (rank == best_rank and rule.pool_id < best):
            best, best_rank = rule.pool_id, rank
    return best


def overlapping(rules):
    """Pairs of pools of the same team whose regions overlap (same team, common
    country, or one of them covers every country)."""
    pairs = []
    for i, left in enumerate(rules):
        for right in rules[i + 1 :]:
            if left.team_id != right.team_id:
                continue
            if (
                not left.country_ids
                or not right.country_ids
                or left.country_ids & right.country_ids
            ):
                pairs.append((left.pool_id, right.pool_id))
    return pairs
