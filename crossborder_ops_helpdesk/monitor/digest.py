# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The periodic summary of customer problems a department receives.

The seed (002): customer service should "systematically classify and summarize
customer problems encountered on a regular basis" and feed them back so that
similar problems do not recur.

A problem belongs to the period in which its ticket was classified (its first
root cause), so that each ticket is counted once: a ticket opened in an earlier
period and classified in this one is a *late* classification, counted now and
reported as such. The previous period's figures are the ones its digest stored,
not a recount.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    ticket_id: int
    cause_id: int
    link: str
    product_id: int | None = None
    country_id: int | None = None
    late: bool = False  # opened in an earlier period than the one it was classified in
    cost: float = 0.0  # what the problem cost (refunds, reshipments), when known
    supplier_id: int | None = None  # who the cause is attributed to, when known
    carrier_id: int | None = None


@dataclass
class DigestLine:
    cause_id: int
    link: str
    count: int
    previous: int
    late: int = 0
    cost: float = 0.0

    @property
    def trend(self):
        """Change against the previous period, in percent (None when it was 0)."""
        if not self.previous:
            return None
        return round(100.0 * (self.count - self.previous) / self.previous, 1)


@dataclass
class Digest:
    total: int
    previous_total: int
    lines: list = field(default_factory=list)  # DigestLine, most frequent first
    by_link: dict = field(default_factory=dict)  # link -> (count, previous)
    top_products: list = field(default_factory=list)  # (product_id, count)
    top_countries: list = field(default_factory=list)
    examples: list = field(default_factory=list)  # ticket ids
    late: int = 0
    cost: float = 0.0
    top_suppliers: list = field(default_factory=list)  # (partner id, count, cost)
    top_carriers: list = field(default_factory=list)  # (carrier id, count, cost)

    @property
    def trend(self):
        if not self.previous_total:
            return None
        return round(100.0 * (self.total - self.previous_total) / self.previous_total, 1)


def _counts(previous):
    """{(cause_id, link): count} from problems or from stored figures."""
    if isinstance(previous, dict):
        return Counter({key: count for key, count in previous.items() if count})
    return Counter((p.cause_id, p.link) for p in previous)


def _top_named(current, attribute, top):
    counts, costs = Counter(), defaultdict(float)
    for problem in current:
        who = getattr(problem, attribute)
        if who:
            counts[who] += 1
            costs[who] += problem.cost
    ranked = sorted(counts, key=lambda who: (-costs[who], -counts[who], who))
    return [(who, counts[who], round(costs[who], 2)) for who in ranked[:top]]


def build_digest(current, previous, top=3, examples_per_cause=2):
    """Summarise ``current`` problems against the previous period: its problems,
    or the figures its digest stored ({(cause_id, link): count})."""
    now_by_cause = Counter((p.cause_id, p.link) for p in current)
    before_by_cause = _counts(previous)
    late_by_cause = Counter((p.cause_id, p.link) for p in current if p.late)
    cost_by_cause = defaultdict(float)
    for p in current:
        cost_by_cause[(p.cause_id, p.link)] += p.cost
    keys = set(now_by_cause) | set(before_by_cause)
    lines = sorted(
        (
            DigestLine(
                cause,
                link,
                now_by_cause[(cause, link)],
                before_by_cause[(cause, link)],
                late_by_cause[(cause, link)],
                round(cost_by_cause[(cause, link)], 2),
            )
            for cause, link in keys
        ),
        key=lambda line: (-line.count, -line.previous, line.cause_id),
    )
    links_now = Counter(p.link for p in current)
    links_before = Counter()
    for (_cause, link), count in before_by_cause.items():
        links_before[link] += count
    by_link = {
        link: (links_now[link], links_before[link]) for link in set(links_now) | set(links_before)
    }
    products = Counter(p.product_id for p in current if p.product_id)
    countries = Counter(p.country_id for p in current if p.country_id)
    examples = []
    for line in lines:
        if not line.count:
            continue
        ids = sorted(p.ticket_id for p in current if p.cause_id == line.cause_id)
        examples.extend(ids[:examples_per_cause])
    return Digest(
        total=len(current),
        previous_total=sum(before_by_cause.values()),
        lines=lines,
        by_link=by_link,
        top_products=sorted(products.items(), key=lambda kv: (-kv[1], kv[0]))[:top],
        top_countries=sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:top],
        examples=examples,
        late=sum(1 for p in current if p.late),
        cost=round(sum(p.cost for p in current), 2),
        top_suppliers=_top_named(current, "supplier_id", top),
        top_carriers=_top_named(current, "carrier_id", top),
    )
