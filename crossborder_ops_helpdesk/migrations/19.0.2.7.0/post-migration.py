# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open

# the help texts of the CS measures before 19.0.2.7.0, as shipped
FORMER = {
    "crossborder_trial_measure_cs_first_response": "Hours from the customer's message to the "
    "first answer, over his tickets opened during the trial; the middle value, so one stuck "
    "ticket does not decide.",
    "crossborder_trial_measure_cs_resolution": "Hours from opening to closing, over his tickets "
    "opened during the trial and closed since.",
    "crossborder_trial_measure_cs_reopen_rate": "Share of his tickets opened during the trial "
    "that came back after being closed: the customer's problem was not solved.",
    "crossborder_trial_measure_cs_tickets_handled": "Tickets assigned to him that were opened "
    "during the trial.",
    "crossborder_trial_measure_cs_customer_rating": "Average rating the customers gave to his "
    "tickets of the trial. Offered when helpdesk ratings are installed.",
}


def migrate(cr, version):
    """The CS measures count the customers' tickets the trainee worked (he wrote the
    first answer or closed them): their help texts (editable, loaded once) say so,
    where nobody has reworded them."""
    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    path = "crossborder_ops_helpdesk/data/crossborder_trial_measure_data.xml"
    with file_open(path, "rb") as data:
        records = etree.parse(data).getroot()
    for xmlid, former in FORMER.items():
        measure = env.ref(f"crossborder_ops_helpdesk.{xmlid}", raise_if_not_found=False)
        if not measure or measure.description != former:
            continue  # reworded by a manager: his text stays
        (text,) = records.xpath(f"//record[@id='{xmlid}']/field[@name='description']/text()")
        measure.description = text
