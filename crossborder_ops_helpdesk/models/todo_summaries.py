# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""To-dos found again by their summary, whatever language wrote them."""


def in_every_language(records, summaries):
    """The texts of ``summaries(records)`` (a tuple of to-do summaries) in every
    installed language: a to-do written for a department manager who reads
    Chinese is still found when an agent who reads English removes its reason."""
    return {
        summary
        for code, _name in records.env["res.lang"].get_installed()
        for summary in summaries(records.with_context(lang=code))
    }
