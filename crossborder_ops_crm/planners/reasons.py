# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rule texts as data: a code and its values, worded when shown.

The planners name the rule that fired with :func:`code`; events, preview lines
and chatter keep that code, and ``crossborder.pool.event._rule_sentence``
words it in the reader's language and time zone. Text that is not a code (rows
written before codes existed) is shown as it is.
"""

import json


def code(name, **params):
    """The stored form of a rule: compact JSON with the code under ``code``."""
    return json.dumps({"code": name, **params}, sort_keys=True, separators=(",", ":"))


def parse(text):
    """(code, params) of a stored rule, or (None, text) for plain text."""
    if not text or not text.startswith("{"):
        return None, text
    try:
        data = json.loads(text)
    except ValueError:
        return None, text
    if not isinstance(data, dict) or "code" not in data:
        return None, text
    name = data.pop("code")
    return name, data
