# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import SUPERUSER_ID, api

# shipped situations whose right answer came first: xml id -> (old, new) sequence
REORDERED = {
    "situational_question_customs": {
        "situational_answer_customs_right": (1, 2),
        "situational_answer_customs_blame": (2, 1),
        "situational_answer_customs_refund": (3, 3),
    },
    "situational_question_designs": {
        "situational_answer_designs_right": (1, 3),
        "situational_answer_designs_send": (2, 1),
        "situational_answer_designs_newest": (3, 2),
    },
}


def migrate(cr, version):
    """The shipped situations listed the right answer first in every question: the
    bank's order gave the key. Their data is not updated (noupdate), so the shipped
    answers still in their shipped order get the new one; a situation edited since
    keeps the order its officer gave it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    by_sequence = defaultdict(lambda: env["crossborder.situational.answer"])
    for answers in REORDERED.values():
        records = {
            xmlid: env.ref(f"crossborder_ops.{xmlid}", raise_if_not_found=False)
            for xmlid in answers
        }
        if all(
            record and record.sequence == answers[xmlid][0] for xmlid, record in records.items()
        ):
            for xmlid, record in records.items():
                by_sequence[answers[xmlid][1]] |= record
    for sequence, answers in by_sequence.items():
        answers.write({"sequence": sequence})
