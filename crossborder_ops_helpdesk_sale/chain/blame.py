# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who outside the department a root cause reaches.

The default by link of the chain (a cause can say otherwise, see
``crossborder.root.cause.blame_party``):

- procurement: the product's supplier (wrong model, colour, stock-out);
- logistics and customs clearance: the carrier (on cross-border e-commerce
  lines the carrier also clears customs for the parcel);
- warehousing and packaging: who shipped the order (the responsible of the
  delivery that shipped it: it was picked and packed there);
- product development, listing, payment, customer service, no fault: nobody
  outside the department (they are our own decisions), except causes marked
  otherwise, such as a manufacturing defect attributed to the supplier.
"""

PARTIES = ("supplier", "carrier", "shipper", "none")

DEFAULT_PARTY = {
    "procurement": "supplier",
    "logistics": "carrier",
    "customs": "carrier",
    "warehousing": "shipper",
    "packaging": "shipper",
}


def default_party(link):
    """The party a cause of ``link`` reaches by default."""
    return DEFAULT_PARTY.get(link or "", "none")


def shipping_delivery(deliveries, product_id=None, opened=None):
    """The delivery that shipped the order (or the ticket's product).

    ``deliveries``: dicts {id, date_done, product_ids} of the order's done
    outgoing deliveries; ``opened``: when the customer wrote. The parcel he wrote
    about: the last one done before he wrote that carried ``product_id``, else the
    last one done before he wrote; when nothing had shipped yet, the first one
    shipped since (shipping one more parcel does not move the blame). None when
    nothing was shipped.
    """
    done = sorted(deliveries, key=lambda d: (d["date_done"], d["id"]))
    if opened and not [d for d in done if d["date_done"] <= opened]:
        carrying = [d for d in done if product_id in d["product_ids"]] if product_id else []
        return (carrying or done or [None])[0]
    if opened:
        done = [d for d in done if d["date_done"] <= opened]
    if product_id:
        carrying = [d for d in done if product_id in d["product_ids"]]
        if carrying:
            return carrying[-1]
    return done[-1] if done else None
