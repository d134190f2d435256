# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailRenderMixin(models.AbstractModel):
    """Answer templates of tickets are rendered in the buyer's language. A buyer may
    speak a language that is not active in the database (Odoo then refuses to
    render with "Invalid language code"): such replies are written in the
    company's language instead (see ``helpdesk.ticket._reply_lang``)."""

    _inherit = "mail.render.mixin"

    def _render_lang(self, res_ids, engine="inline_template"):
        langs = super()._render_lang(res_ids, engine=engine)
        if self.render_model != "helpdesk.ticket":
            return langs
        tickets = self.env["helpdesk.ticket"].browse(list(langs))
        return {res_id: tickets.browse(res_id)._reply_lang(lang) for res_id, lang in langs.items()}
