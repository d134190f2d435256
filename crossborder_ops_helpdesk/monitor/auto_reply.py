# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Was an e-mail written by a program? Plain headers in, the headers that say so out.

The standard marks of automatic mail: RFC 3834's ``Auto-Submitted`` (anything but
``no``: ``auto-replied``, ``auto-generated``, ``auto-notified``), the de-facto
``X-Autoreply`` and ``X-Autorespond`` of autoresponders, Microsoft's
``X-Auto-Response-Suppress`` (set by Exchange on its out-of-office answers, by
mailing programs on what they send) and ``Precedence: bulk | auto_reply | junk |
list``. Out-of-office answers, auto-responders and the marketplaces' automatic
acknowledgements carry one of them; a person's e-mail does not. (Delivery failures,
from a mailer-daemon, are bounces: Odoo's mail gateway handles them before any
record sees them.)

Some webmail vacation answers carry none of these headers, only a subject of their
own ("Automatic reply: ...", "自动回复：..."): ``auto_reply_subject`` reads the
subject against prefixes the help desk keeps as data.
"""

import re
import unicodedata

# in the order they are reported
AUTO_REPLY_HEADERS = (
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "x-auto-response-suppress",
    "precedence",
)
AUTO_PRECEDENCE = frozenset({"bulk", "auto_reply", "junk", "list"})
# the values of a header that say "not automatic"
NOT_AUTOMATIC = {
    "auto-submitted": frozenset({"no"}),
    "x-autoreply": frozenset({"no", "false", "0"}),
    "x-autorespond": frozenset({"no", "false", "0"}),
    "x-auto-response-suppress": frozenset({"none"}),
}


def _pairs(headers):
    return headers.items() if hasattr(headers, "items") else headers


def auto_reply_headers(headers):
    """The headers of an e-mail that say a program wrote it, lower-case, in the
    order of ``AUTO_REPLY_HEADERS``; an empty tuple for a person's e-mail.

    :param headers: the e-mail's headers, a mapping or (name, value) pairs (an
        ``email.message.Message``'s ``items()``, repeated names included); names in
        any case
    """
    found = set()
    for name, value in _pairs(headers):
        name = str(name or "").strip().lower()
        if name not in AUTO_REPLY_HEADERS:
            continue
        # "auto-replied; owner-email=..." (RFC 3834 parameters), "Bulk"
        token = str(value or "").split(";", 1)[0].strip().lower()
        if not token:
            continue
        if name == "precedence":
            if token in AUTO_PRECEDENCE:
                found.add(name)
        elif token not in NOT_AUTOMATIC[name]:
            found.add(name)
    return tuple(name for name in AUTO_REPLY_HEADERS if name in found)


def is_automatic(headers):
    """True when ``headers`` (see ``auto_reply_headers``) mark an automatic e-mail."""
    return bool(auto_reply_headers(headers))


def _fold(text):
    # the full-width letters and colon of Chinese and Japanese mail clients are
    # letters and a colon (NFKC), and French puts a space before the colon
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = " ".join(text.replace("\uff1a", ":").casefold().split())
    return text.replace(" :", ":")


def auto_reply_subject(subject, prefixes):
    """The first of ``prefixes`` the ``subject`` starts with (in any case, the
    full-width colon read as a colon, spaces collapsed), or ``None``: "Automatic
    reply: Re: your order" starts with "Automatic reply:"; a customer's "Re:
    Automatic reply: ..." (answering one) does not.

    :param subject: the e-mail's subject
    :param prefixes: the subject beginnings that mark an automatic reply
    """
    folded = _fold(subject)
    return next((p for p in prefixes if _fold(p) and folded.startswith(_fold(p))), None)


# how people's own replies and forwards begin, in the languages of the shops'
# customers and of their mail programs: a subject beginning that starts with one,
# or that one starts with, marks every customer's answer as automatic (outside
# audits 66 and 67)
REPLY_MARKERS = tuple(
    _fold(f"{marker}:")
    for marker in "Re Fwd Fw AW WG Antw Antwort SV VS TR RV R RIF I Inoltro Risposta RES ENC "
    "Rép Réf Odp PD Wtr YNT Yanıt Cvp CEVAP ILT İLT Reenviado 回复 答复 转发 回覆 答覆 轉寄 轉發 "
    "返信 転送 "
    # and Nordic, Dutch, Czech, Hungarian, Greek, Russian and Korean ones (audit 68)
    "VB VL FS Doorst PŘ Vá Továbbítás ΑΠ ΠΡΘ ΣΧΕΤ Ответ Отв Пересл 회신 답장 전달 "
    # and Croatian, Vietnamese, Baltic, Arabic, Hebrew and Thai ones (audit 69)
    "Odg Prosl TL Atb Pārs Ats Pers Vast Edasi رد השב הועבר ตอบกลับ CT".split()
)
# how customers' own e-mails begin: a subject beginning that starts one of them
# takes them for automatic replies (outside audit 68)
SUBJECTS = tuple(
    _fold(subject)
    for subject in (
        "Order 555 never arrived",
        "My parcel is late",
        "Where is my order?",
        "Wrong size received",
        "Damaged item",
        "Refund request",
        "Question about the lamp",
        "Meine Bestellung ist nicht angekommen",
        "Bestellung 555",
        "Ma commande n'est pas arrivée",
        "Commande 555",
        "Mi pedido no ha llegado",
        "Il mio ordine non è arrivato",
        "Siparişim gelmedi",
        "我的订单还没有到",
        # with a colon of their own (outside audit 69)
        "Urgent: order 555",
        "Question: which plug?",
        "Complaint: broken lamp",
        "Return: wrong size",
        "Order: 555",
        "Reklamation: Lampe kaputt",
        "Bestellung: 555",
        "Réclamation : lampe cassée",
        "Commande : 555",
        "Pedido: 555",
        "Şikayet: kırık lamba",
        "投诉：台灯坏了",
        "Refund: order 555",
        "Cancel: order 555",
        "Problem: lamp",
        "Retour : commande 555",
        "Stornierung: Bestellung 555",
        "订单：555",
    )
)


def peoples_subject(prefix):
    """The beginning of a person's reply or forward (e.g. "re:"), or the
    subject of a customer's own e-mail, that the subject beginning ``prefix``
    would take for an automatic reply, else None: any subject beginning with
    ``prefix`` when it does not end with a word and a colon."""
    # "Re[2]:", "Re(2):", "Re^2:", "Re*2:" and "Wg.:" are "Re:" and "Wg:"
    folded = re.sub(r"^(\w+)\s*(\[\d+\]|\(\d+\)|[\^*]\d+)", r"\1", _fold(prefix))
    folded = re.sub(r"^(\w+)\.:", r"\1:", folded)
    if not folded:
        return None
    if not re.search(r"\w:$", folded):
        # the mail programs' beginnings end with a word and a colon; without,
        # "Hi", "Urgent", "Inquiry from Amazon customer" begin people's own
        # subjects too (outside audit 69)
        return f"{prefix.strip()} ..."
    return next(
        (m for m in REPLY_MARKERS if folded.startswith(m) or m.startswith(folded)),
        next((subject for subject in SUBJECTS if subject.startswith(folded)), None),
    )
