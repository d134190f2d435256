# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer problem cost, in the company's currency.

- a refund counts for its untaxed amount, once posted (the VAT refunded to the
  buyer is given back by the tax authority: it is not a cost); a credit note in
  draft or cancelled counts for nothing;
- a reshipment counts once done: the products at their cost plus the carrier's
  price recorded on the delivery (nothing when the carrier's price is unknown).
"""


def problem_cost(refunds, reshipments, digits=2):
    """``refunds``: untaxed amounts of the posted credit notes (positive);
    ``reshipments``: (goods cost, carrier price) of each done replacement delivery.
    Returns (refunded, reshipment cost, total), rounded to ``digits``."""
    refunded = round(sum(refunds), digits)
    reshipped = round(sum(goods + (carrier or 0.0) for goods, carrier in reshipments), digits)
    return refunded, reshipped, round(refunded + reshipped, digits)
