# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Response clocks of buyer messages, the way marketplaces score them.

Amazon scores every buyer message: it is late when the seller has not answered
it within 24 hours (weekends and holidays included), unless the seller marked
it "no response needed". One reply answers every message received before it.
"""

import re

from lxml import html as lxml_html

WAITING = "waiting"
MET = "met"
LATE = "late"
NO_RESPONSE = "no_response"
# a web address: a link whose text is its address says nothing either
URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S*", re.IGNORECASE)


def answer_state(deadline, answered_at):
    """State of a clock answered at ``answered_at``: met up to its deadline
    (included), late after it; met when the rule gave no deadline."""
    return MET if not deadline or answered_at <= deadline else LATE


def sla_line(deadlines):
    """(state, deadline) of the ticket's marketplace SLA line, in the states of
    OCA ``helpdesk.ticket.sla``, from its buyer messages' clocks given as
    ``{clock state: (earliest deadline, latest deadline)}``:

    - a message is waiting: ``in_progress`` until the earliest waiting deadline
      (the one the agent must beat now);
    - otherwise a message was late: ``expired``, at the latest late deadline;
    - otherwise ``accomplished`` (every message answered in time or marked "no
      response needed", or no buyer message yet: nothing to answer), at the
      latest deadline met, if any.
    """
    earliest_waiting = deadlines.get(WAITING, (None, None))[0]
    if earliest_waiting:
        return "in_progress", earliest_waiting
    if LATE in deadlines:
        return "expired", deadlines[LATE][1]
    return "accomplished", deadlines.get(MET, (None, None))[1]


# what hides an element from whoever reads the e-mail, whatever its colours: not
# displayed, invisible, no opacity; no size is judged on its own (see below).
# Colours are not judged: white text on a coloured button is read
HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0*\.?0+\s*%?\s*(!important)?\s*(;|$)",
    re.IGNORECASE,
)
NO_SIZE = re.compile(r"font-size\s*:\s*0*\.?0+\s*[a-z%]*\s*(!important)?\s*(;|$)", re.IGNORECASE)
SIZED = re.compile(r"font-size\s*:", re.IGNORECASE)


def visible_html(body):
    """``body`` (HTML) without what its reader does not see: the elements its
    style or a ``hidden`` attribute hides, and text of no size (unless an inner
    element gives its text a size again, as e-mail layouts do). Words hidden
    there say nothing to him (outside audits 63 and 65)."""
    if not body or not str(body).strip():
        return ""
    tree = lxml_html.fragment_fromstring(str(body), create_parent="div")
    for element in tree.xpath("//*[@style or @hidden]"):
        if element.getparent() is None:
            continue
        style = element.get("style") or ""
        hidden = element.get("hidden") is not None or HIDDEN_STYLE.search(style)
        resized = any(
            SIZED.search(inner.get("style") or "") and not NO_SIZE.search(inner.get("style") or "")
            for inner in element.iterdescendants()
        )
        if hidden or (NO_SIZE.search(style) and not resized):
            element.drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")


def has_words(text):
    """``text`` says something: at least one letter or digit, in any script, out
    of a web address. An empty message, a ".", a "..." or a line of dashes says
    nothing, nor does a bare link or a "²"."""
    text = URL.sub(" ", text or "")
    return any(char.isalpha() or char.isdecimal() for char in text)


def late_response_rate(states):
    """Late responses in % of the messages that needed one and are decided
    (answered, or past their deadline): "no response needed" and messages still
    within their window are left out. None when no message counts."""
    late = sum(1 for state in states if state == LATE)
    met = sum(1 for state in states if state == MET)
    if not late + met:
        return None
    return round(100.0 * late / (late + met), 2)


_BANNER = re.compile(
    r"-{3,}\s*begin message\s*-{3,}(?P<words>.*?)(?:-{3,}\s*end message\s*-{3,}|$)",
    re.IGNORECASE | re.DOTALL,
)


def buyer_words(text, length=140):
    """The buyer's words of a relayed message (between the marketplace's "Begin
    message" / "End message" banners when it has them), on one line, cut."""
    found = _BANNER.search(text or "")
    words = " ".join((found.group("words") if found else text or "").split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"
