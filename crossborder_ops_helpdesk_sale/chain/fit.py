# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Does a product fit its destination: plug, mains voltage, size system (the
seed, 001: electrical standards and sizes differ between countries)."""

import re

PLUG_TYPES = tuple("ABCDEFGHIJKLMN")

# sockets a plug goes into besides its own type (IEC World Plugs): a type A plug
# fits type B sockets, the Europlug (type C) fits the round-pin sockets E, F, J,
# K, L and N
PLUG_FITS = {
    "A": {"A", "B"},
    "C": {"C", "E", "F", "J", "K", "L", "N"},
}
# appliances accept the mains voltage within 10 % of their rating
VOLTAGE_TOLERANCE = 0.10


def plugs(text):
    """'C, F' -> {'C', 'F'}; single IEC letters only ('Type G' -> {'G'})."""
    return set(re.findall(r"\b([A-N])\b", (text or "").upper()))


def voltages(text):
    """'127 V / 220 V' -> [127.0, 220.0]."""
    return [float(v.replace(",", ".")) for v in re.findall(r"\d+(?:[.,]\d+)?", text or "")]


def plug_fits(plug, sockets):
    """A plug fits a country when one of its sockets takes it (no country data:
    nothing to say)."""
    if not plug or not sockets:
        return True
    return bool(PLUG_FITS.get(plug, {plug}) & set(sockets))


def voltage_fits(low, high, mains):
    """A product rated ``low``-``high`` V (``high`` 0: a single voltage) fits
    when one of the country's mains voltages is within its rating, give or take
    the tolerance."""
    if not low or not mains:
        return True
    high = high or low
    return any(
        low * (1 - VOLTAGE_TOLERANCE) <= volts <= high * (1 + VOLTAGE_TOLERANCE) for volts in mains
    )


def problems(product, country):
    """What does not fit. ``product``: dict(plug_type, voltage_min, voltage_max,
    size_system); ``country``: dict(plug_types, voltage, size_system).
    Returns a list of kinds among 'plug', 'voltage', 'size', in that order."""
    found = []
    if not plug_fits(product.get("plug_type"), plugs(country.get("plug_types"))):
        found.append("plug")
    if not voltage_fits(
        product.get("voltage_min"), product.get("voltage_max"), voltages(country.get("voltage"))
    ):
        found.append("voltage")
    size, wanted = product.get("size_system"), country.get("size_system")
    if size and wanted and size != wanted:
        found.append("size")
    return found
