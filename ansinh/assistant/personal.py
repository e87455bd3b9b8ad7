"""Personal answers for a signed-in citizen, from that person's own records only, each one audited.

A question about someone else (a relative, another ID number) or from a visitor who is not signed in
as a citizen is refused: the assistant never reads another person's records."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.assistant import parsing
from ansinh.assistant.formatting import vnd
from ansinh.benefits import services as benefits
from ansinh.contributions import services as contributions
from ansinh.core import audit
from ansinh.core.periods import Period
from ansinh.health import services as health
from ansinh.procedures import services as dossiers

INTENTS = (
    (
        "gaps",
        (
            "bi gian doan",
            "co gian doan",
            "gian doan khong",
            "dong lien tuc khong",
            "bi ngat quang",
            "thang nao bi thieu",
            "gaps in my",
            "any gaps",
            "gap in my",
            "interrupted",
            "missing months in my",
            "continuous contributions",
        ),
    ),
    (
        "dossier",
        (
            "ho so cua toi",
            "my dossier",
            "my application",
            "tinh trang ho so",
            "dossier status",
            "ma bien nhan",
            "ho so cua minh",
            "where is my file",
        ),
    ),
    (
        "unpaid",
        (
            "thang nao chua dong",
            "chua duoc dong",
            "con no bhxh",
            "con no bao hiem",
            "no bao hiem cua toi",
            "unpaid months",
            "months unpaid",
            "missing months",
            "have not been paid for",
            "cong ty co dong cho toi",
            "bao nhieu thang chua dong",
        ),
    ),
    (
        "years",
        (
            "toi da dong",
            "da dong duoc",
            "tong thoi gian dong",
            "so nam dong cua toi",
            "qua trinh dong cua toi",
            "how many years have i",
            "how long have i",
            "my years of contribution",
            "my total contribution",
        ),
    ),
    (
        "card",
        (
            "the bhyt cua toi con",
            "the bao hiem y te cua toi con",
            "is my health insurance card valid",
            "my card valid",
            "my card expire",
            "the cua toi con han",
            "noi dang ky kham cua toi la",
            "where is my registered",
            "which is my registered",
            "the bhyt con han khong",
            "the toi con han",
            "han the cua toi",
            "the bhyt cua toi het han",
            "card still valid",
            "is my card",
            "my card still",
            "my hi card",
            "the bao hiem cua toi",
            "the bhyt cua minh",
        ),
    ),
    (
        "payment",
        (
            "lan chi tra gan nhat",
            "ky chi tra gan nhat",
            "my last payment",
            "my last benefit",
            "my last pension",
            "toi da nhan",
            "luong huu thang nay cua toi",
            "my pension payment",
            "have i been paid",
            "tien luong huu cua toi",
            "toi nhan luong huu",
        ),
    ),
)
OTHERS = (
    "me toi",
    "bo toi",
    "ba toi",
    "vo toi",
    "chong toi",
    "con toi",
    "anh toi",
    "chi toi",
    "em toi",
    "ong toi",
    "nguoi khac",
    "ban toi",
    "cua me",
    "cua bo",
    "cua vo",
    "cua chong",
    "my mother",
    "my father",
    "my wife",
    "my husband",
    "my son",
    "my daughter",
    "my friend",
    "someone else",
    "another person",
    "my brother",
    "my sister",
)
# Record look-ups phrased about anyone ("thẻ BHYT của mẹ tôi còn hạn không?"): with a relative named, refused.
RECORD_WORDS = (
    "the bhyt cua",
    "the bao hiem y te cua",
    "con han khong",
    "con han ko",
    "con han su dung",
    "het han chua",
    "het han khong",
    "het han ko",
    "da dong duoc",
    "dong duoc bao nhieu nam",
    "qua trinh dong cua",
    "so nam dong",
    "card valid",
    "card expire",
    "how many years has",
    "contribution record",
    "contribution history of",
    "ho so cua",
    "da nhan luong huu",
    "last payment",
)
_RECEIPT = re.compile(r"\bHS\d{12}\b", re.IGNORECASE)
_ID_NUMBER = re.compile(r"(?<!\d)\d{12}(?!\d)")


# A relative who has died ("bố tôi mất còn mấy tháng lương hưu chưa lĩnh") makes it a question about the
# survivors' rules, not a look-up of anyone's record.
DECEASED = (
    "qua doi",
    "da mat",
    "mat roi",
    "vua mat",
    "me toi mat",
    "bo toi mat",
    "vo toi mat",
    "chong toi mat",
    "mat do benh",
    "mai tang",  # a funeral grant or survivors' benefit is asked after a death
    "tu tuat",
    "tu tran",
    "bi chet",
    "da chet",
    "died",
    "passed away",
    "deceased",
    "has died",
)


# Whether one is entitled to a benefit ("đóng không liên tục, tôi có được hưởng thai sản không?"), about a worker
# the asker employs ("nhân viên nghỉ việc thì thẻ BHYT còn hạn không?"), how to avoid a gap ("muốn đóng tự nguyện
# để không bị gián đoạn") or whether a gap still counts ("bị gián đoạn 2 tháng có được tính 5 năm liên tục không?"): a
# rule is asked, and the story's gaps, debts or card are its circumstances, not a record to look up. Only a receipt code
# makes such a question a look-up.
RULE_FOR_A_CASE = (
    "co duoc huong",
    "co dc huong",
    "du dieu kien huong",
    "entitled",
    "eligible",
    "will i receive",
    "can i receive",
    "will i get",
    "nhan vien",
    "nguoi lao dong",
    "employee",
    "de khong bi gian doan",
    "khong bi gian doan thoi gian",
    "isnt interrupted",  # "isn't" as parsing.folded_words writes it
    "not interrupted",
    # a refund of months paid twice: "thời gian công ty mua trùng với thời gian tôi đã đóng thì tôi được hoàn lại tiền"
    "duoc hoan",
    "dc hoan",
    "hoan lai tien",
    "refunded",
    "co duoc tinh",
    "co dc tinh",
    "con duoc tinh",
    "con dc tinh",
    "still count",
    "does it count",
    "counted as",
    # whether one may withdraw or still gets a benefit: "có được rút … không?", "will I still get this benefit?"
    "co duoc rut",
    "co dc rut",
    "co the rut",
    "co the xin rut",
    "xin rut",
    "will i still",
    "can i still",
    "do i still",
    "would i still",
    "still be entitled",
    # whether one may join at last: "chưa được đóng BHXH, giờ muốn đăng ký đóng có được không?"
    "dang ky dong",
    "dang ky tham gia",
    "muon tham gia",
    "can i join",
    "can i register",
)
# "tới" folds to "toi" as "tôi" does: "không tính tới nhận lương hưu" (not counting on a pension) is no "tôi nhận lương
# hưu" (I receive a pension).
_TOWARDS = re.compile(r" (tinh|nghi|noi|nhac) toi ")
# "đóng cửa" (closed down) folds to "dong cua" as "đóng của" does: "công ty cũ của tôi đã đóng cửa" is no "tôi đã đóng"
# (my years paid). "Đóng của" is followed by whose contributions they are ("quá trình đóng của tôi").
_CLOSED_DOWN = re.compile(r"\bdong cua\b(?! (?:toi|minh|em|anh|chi|ong|ba|con|me|bo|vo|chong|ho)\b)")


@dataclass
class Personal:
    text: str
    refused: bool


# "Hồ sơ của tôi" or "my application" is a status look-up only with a word that asks how far it has got ("I've
# filed my application, what are the rules?" asks about the rules).
DOSSIER_STATUS = (
    "den dau",
    "the nao roi",
    "ra sao roi",
    "xong chua",
    "ket qua chua",
    "giai quyet chua",
    "duyet chua",
    "xu ly chua",
    "bao gio co ket qua",
    "tinh trang ho so",
    "dossier status",
    "ma bien nhan",
    "status",
    "progress",
    "where is",
    "processed",
    "approved",
    "ready",
)


# "How do I renew / where do I replace my card?" asks for a procedure, not for the person's own record.
PROCEDURE = (
    "gia han",
    "o dau",
    "lam lai",
    "cap lai",
    "lam the nao",
    "lam sao",
    "thu tuc",
    "how do i",
    "where do i",
    "where can i",
    "how can i",
)


# "Mức lương tối đa đóng …" folds to "toi da dong", as "tôi đã đóng" does: with its accents, or with the words that go
# with a maximum, it asks for the ceiling, not for the asker's years.
MAXIMUM = ("luong toi da", "muc toi da", "toi da la", "toi da bao nhieu", "toi da dong bao nhieu", "maximum")


def _asks_a_maximum(question: str) -> bool:
    return "tối đa" in unicodedata.normalize("NFC", question).lower() or parsing.has_any(question, MAXIMUM)


# "Thử việc bao lâu thì được đóng?", "how long before they insure me?": a month not paid for is the story, the rule is
# asked.
RULE_ASKED = ("bao lau", "thu viec", "how long", "probation")


def intent(question: str) -> str | None:
    if _RECEIPT.search(question):
        return "dossier"
    if parsing.has_any(question, DECEASED):
        return None
    # "tôi đã đóng được 27 năm, …": a story that tells its years asks about something else, not the record.
    tells_years = parsing.years_count(question) is not None
    if parsing.has_any(question, RULE_FOR_A_CASE):
        return None
    words = _CLOSED_DOWN.sub("closed", _TOWARDS.sub(r" \1 ", parsing.folded_words(question)))
    for name, phrases in INTENTS:
        if name == "years" and (tells_years or _asks_a_maximum(question)):
            continue
        if parsing.has_any(words, phrases):
            if name in ("card", "dossier", "unpaid", "gaps") and parsing.has_any(question, PROCEDURE):
                return None
            if name == "unpaid" and parsing.has_any(question, RULE_ASKED):
                return None
            if name == "dossier" and not parsing.has_any(question, DOSSIER_STATUS):
                continue
            return name
    if not tells_years and parsing.has_any(question, OTHERS) and parsing.has_any(question, RECORD_WORDS):
        return "someone_else"
    return None


def about_someone_else(question: str, person) -> bool:
    numbers = set(_ID_NUMBER.findall(_RECEIPT.sub(" ", question)))  # a receipt code's digits are not an ID
    return parsing.has_any(question, OTHERS) or bool(numbers - {getattr(person, "cccd", None)})


def answer(question: str, kind: str, user) -> Personal:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return Personal(
            _(
                "Personal questions are answered only for citizens signed in to their own account. "
                "Please log in, then ask again."
            ),
            True,
        )
    if kind == "someone_else" or about_someone_else(question, person):
        audit.record(
            "denied", "registry.person", person.pk, f"assistant refused a question about another person ({kind})"
        )
        return Personal(
            _(
                "I can only answer about your own records. Someone else's records can be seen only by "
                "that person, or at the social insurance office with their authorisation."
            ),
            True,
        )
    text = _ANSWERS[kind](question, person)
    audit.record("read", "registry.person", person.pk, f"assistant personal answer: {kind}")
    return Personal(text, False)


def _years(question, person) -> str:

    totals = contributions.si_totals(person)
    if not totals["total_months"]:
        return _("No social insurance contributions are recorded for you yet.")
    return _("You have %(years)s years and %(months)s months of social insurance recorded (%(first)s to %(last)s).") % {
        "years": totals["years"],
        "months": totals["months"],
        "first": totals["first_period"],
        "last": totals["last_period"],
    }


def _unpaid(question, person) -> str:

    totals = contributions.si_totals(person)
    if not totals["unpaid_months"]:
        return _("All recorded months of your social insurance are paid.")
    return _(
        "%(count)s month(s) of your social insurance are not yet paid. Ask your employer, or see your history "
        "in the portal or VssID."
    ) % {"count": totals["unpaid_months"]}


def gap_months(periods: list[str]) -> list[tuple[str, str]]:
    """[(first missing month, last missing month)] between the first and the last recorded month."""

    indices = sorted({Period.parse(p).index for p in periods})
    return [
        (str(Period.from_index(a + 1)), str(Period.from_index(b - 1)))
        for a, b in zip(indices, indices[1:], strict=False)
        if b - a > 1
    ]


def _gaps(question, person) -> str:

    rows = contributions.si_history(person)
    if not rows:
        return _("No social insurance contributions are recorded for you yet.")
    gaps = gap_months([r["period"] for r in rows])
    unpaid = sorted({r["period"] for r in rows if r["status"] == "unpaid"})
    if not gaps and not unpaid:
        return _(
            "Your social insurance record is continuous from %(first)s to %(last)s, with no month missing or unpaid."
        ) % {"first": rows[0]["period"], "last": rows[-1]["period"]}
    parts = [(_("%(start)s to %(end)s") % {"start": a, "end": b}) if a != b else a for a, b in gaps]
    text = _("Your record from %(first)s to %(last)s has %(count)s gap(s) with no contribution: %(gaps)s.") % {
        "first": rows[0]["period"],
        "last": rows[-1]["period"],
        "count": len(gaps),
        "gaps": "; ".join(parts) or "—",
    }
    if unpaid:
        text += " " + _("%(count)s recorded month(s) are not yet paid by the payer.") % {"count": len(unpaid)}
    return text


def _card(question, person) -> str:

    cover = health.coverage_for(person, timezone.localdate())
    if not cover:
        return _("No valid health insurance card is recorded for you today.")
    facility = cover.get("registered_facility") or {}
    return _(
        "Your health insurance card (%(group)s, benefit level %(level)s%%) is valid from %(start)s to %(end)s; "
        "registered facility: %(facility)s."
    ) % {
        "group": cover.get("group_name") or cover.get("group"),
        "level": cover.get("benefit_level_pct"),
        "start": _date(cover.get("valid_from")),
        "end": _date(cover.get("valid_to")),
        "facility": facility.get("name", "—"),
    }


def _payment(question, person) -> str:

    payments = benefits.payments_for(person)
    if not payments:
        return _("No benefit payment is recorded for you.")
    last = payments[0]
    return _("Your latest benefit payment: %(amount)s for %(period)s, %(channel)s, status %(status)s%(paid)s.") % {
        "amount": vnd(last["amount"]),
        "period": last["period"],
        "channel": last.get("channel", ""),
        "status": last.get("status_label") or last["status"],
        "paid": (_(", paid on %(day)s") % {"day": _date(last["paid_on"])}) if last.get("paid_on") else "",
    }


def _dossier(question, person) -> str:

    match = _RECEIPT.search(question)
    if not match:
        return _("Please give the receipt code of your dossier (it looks like HS251103000123).")
    found = dossiers.dossier_status(match.group(0), person.cccd or "")
    if not found:
        return _("No dossier of yours has the receipt code %(code)s.") % {"code": match.group(0).upper()}
    return _("Dossier %(code)s (%(procedure)s): %(state)s; received %(received)s, due %(due)s.") % {
        "code": found["receipt_code"],
        "procedure": found["procedure"],
        "state": found["state"],
        "received": _date(found["received_on"]),
        "due": _date(found["due_on"]),
    }


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value or "—")


_ANSWERS = {"gaps": _gaps, "years": _years, "unpaid": _unpaid, "card": _card, "payment": _payment, "dossier": _dossier}
