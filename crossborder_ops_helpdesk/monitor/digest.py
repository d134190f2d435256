# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The periodic summary of customer problems a department receives.

The seed (002): customer service should "systematically classify and summarize
customer problems encountered on a regular basis" and feed them back so that
similar problems do not recur.
"""

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    ticket_id: int
    cause_id: int
    link: str
    product_id: int | None = None
    country_id: int | None = None


@dataclass
class DigestLine:
    cause_id: int
    link: str
    count: int
    previous: int

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

    @property
    def trend(self):
        if not self.previous_total:
            return None
        return round(100.0 * (self.total - self.previous_total) / self.previous_total, 1)


def build_digest(current, previous, top=3, examples_per_cause=2):
    """Summarise ``current`` problems against ``previous`` ones (same length of time)."""
    now_by_cause = Counter((p.cause_id, p.link) for p in current)
    before_by_cause = Counter((p.cause_id, p.link) for p in previous)
    keys = set(now_by_cause) | set(before_by_cause)
    lines = sorted(
        (
            DigestLine(cause, link, now_by_cause[(cause, link)], before_by_cause[(cause, link)])
            for cause, link in keys
        ),
        key=lambda line: (-line.count, -line.previous, line.cause_id),
    )
    links_now = Counter(p.link for p in current)
    links_before = Counter(p.link for p in previous)
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
        previous_total=len(previous),
        lines=lines,
        by_link=by_link,
        top_products=sorted(products.items(), key=lambda kv: (-kv[1], kv[0]))[:top],
        top_countries=sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:top],
        examples=examples,
    )
