"""Calculator questions: recognised by their wording and answered by the project's own rule engines
(contributions.services.quote, benefits.services.pension_quote), never by arithmetic of our own.

Each calculator returns a Reply with the inputs it used, or asks for what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.assistant import parsing
from ansinh.assistant.formatting import vnd
from ansinh.assistant.personal import DECEASED
from ansinh.assistant.textnorm import fold
from ansinh.contributions import services as contributions
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period

VOLUNTARY = ("tu nguyen", "voluntary", "bhxhtn", "tnv")
FAMILY = ("ho gia dinh", "family", "household", "gia dinh", "nha toi")
HEALTH = ("bhyt", "bao hiem y te", "health insurance", "health")
SALARY = ("luong", "salary", "wage", "earn")
PENSION = ("luong huu", "pension", "ve huu", "nghi huu")
# Not a bare "tinh": folded, "tỉnh" (a province) and "tính đến nay" (up to now) read the same.
HOW_MUCH = (
    "bao nhieu",
    "how much",
    "het bao nhieu",
    "duoc bao nhieu",
    "tinh giup",
    "tinh ho",
    "tinh thu",
    "uoc tinh",
    "tinh luong huu",
    "calculate",
    "what will",
)
GROUPS = (
    ("near_poor", ("can ngheo", "near poor", "near-poor")),
    ("poor", ("ho ngheo", "poor household", "poor")),
    ("ethnic_minority", ("dan toc thieu so", "dan toc", "ethnic minority", "ethnic")),
)
SCHEDULES = (
    (12, ("12 thang", "mot nam", "1 nam", "hang nam", "moi nam", "yearly", "annually", "a year", "12 months")),
    (6, ("6 thang", "nua nam", "6 months")),
    (3, ("3 thang", "moi quy", "hang quy", "quarterly", "3 months")),
)


def group_label(group: str) -> str:
    return {
        "poor": _("poor household or island commune"),
        "near_poor": _("near-poor household"),
        "ethnic_minority": _("ethnic minority"),
        "other": _("other participants"),
    }.get(group, group)


@dataclass
class Reply:
    text: str
    inputs: dict = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    result: dict | None = None


def _period() -> str:
    return str(Period.of(timezone.localdate()))


def _support_group(question: str) -> str:
    for group, phrases in GROUPS:
        if parsing.has_any(question, phrases):
            return group
    return "other"


def _schedule(question: str) -> int:
    for months, phrases in SCHEDULES:
        if parsing.has_any(question, phrases):
            return months
    return 1


# "What is the rule" (a rate, a ceiling, the conditions) belongs to the knowledge base, not to a calculator,
# unless the person gives numbers of their own to compute with.
RULE = (
    "ty le",
    "toi da",
    "toi thieu",
    "quy dinh",
    "dieu kien",
    "cach tinh",
    "cong thuc",
    "la bao nhieu phan tram",
    "maximum",
    "minimum",
    "rule",
    "rules",
    "conditions",
    "formula",
    "how is",
    "how are",
    "percentage",
    "rate",
)
# Not a bare "me": folded, "mẹ" (mother) reads the same. A chat writes "t", "mk", "mik" or "tui" for "tôi".
ME = ("toi", "cua toi", "my", "i", "minh", "em", "for me", "tell me", "give me", "t", "mk", "mik", "tui")


def _about_me(question: str) -> bool:
    """'tôi', 'mình', 'my' — but 'tối đa' / 'tối thiểu' fold to the same letters as 'tôi', so they are taken out."""
    text = parsing.folded_words(question).replace(" toi da ", " ").replace(" toi thieu ", " ")
    return any(f" {word} " in text for word in ME)


# Asked for whatever figures the story gives: a share ("được hưởng bao nhiêu %"), which pay items or which of two
# bases count ("tính trên lương thực nhận hay theo hệ số, cái nào mới đúng"), or money coming back ("dừng đóng thì
# được nhận lại bao nhiêu") — the rule answers these, not a calculator.
_SHARE_ASKED = re.compile(r"\b(?:bao nhieu|may|bn)\s*(?:%|phan tram)|\bwhat percent|\bhow many percent")
WHICH_ITEMS = (
    "khoan nao",
    "khoan luong nao",
    "phu cap nao",
    "can cu vao",
    "can cu theo",
    "which allowance",
    "which allowances",
    "which items",
    "which part",
    "cai nao",
    "nao moi dung",
    "nao la dung",
    "which one",
    "which is right",
    "which is correct",
)
MONEY_BACK = (
    "nhan lai",
    "lay lai",
    "rut",
    "hoan lai",
    "hoan tra",
    "get back",
    "withdraw",
    "refund",
    "refunded",
)


def asks_for_rule(question: str) -> bool:
    if _SHARE_ASKED.search(fold(question)) or parsing.has_any(question, WHICH_ITEMS):
        return True
    return parsing.has_any(question, RULE) and parsing.money(question) is None and parsing.years_count(question) is None


# What each calculator computes, as a letter's asking part names it: a letter's story may quote a salary or an age
# ("lương 7 triệu", "mẹ tôi 62 tuổi") while it asks about something else (sick pay, a card).
COMPUTES = {
    "compulsory": ("dong", "muc dong", "trich", "tru", "contribute", "contribution", "pay", "deduct", "deducted"),
    "voluntary": ("dong", "muc dong", "contribute", "contribution", "pay"),
    "family_hi": ("bhyt", "bao hiem y te", "health insurance", "mua", "card", "buy"),
    "pension": PENSION,
}


def asked_in(asking_part: str, kind: str) -> bool:
    """Does a letter's asking part ask for what calculator `kind` computes (not only its story mention a figure)?"""
    return parsing.has_any(asking_part, COMPUTES[kind])


# A question that names a pension but asks about something else: what survivors get, the social pension, a one-off
# withdrawal instead, or how long or from what age (a time, not an amount).
NOT_MY_PENSION = DECEASED + (
    "than nhan",
    "tu tuat",
    "tien tuat",
    "tro cap tuat",
    "survivor",
    "survivors",
    "death",
    "huu tri xa hoi",
    "social pension",
    "mot lan",
    "1 lan",
    "one off",
    "lump sum",
    "bao lau",
    "bao nhieu nam",
    "may nam",
    "bao nhieu tuoi",
    "how long",
    "how many years",
    "how much longer",
    "what age",
    "how old",
    "khong co luong huu",
    "chua co luong huu",
    "khong nhan luong huu",
    "chua nhan luong huu",
    "khong huong luong huu",
    "chua huong luong huu",
    "no pension",
    "not on a pension",
    "without a pension",
    "bao nhieu hinh thuc",  # "có bao nhiêu hình thức nhận lương hưu?": a count of ways, not an amount
    "may hinh thuc",
    "bao nhieu cach",
    "how many ways",
)
# A benefit (sick pay, maternity, unemployment …) asked about with the salary it is computed from: the rule of the
# benefit answers it, not the contribution calculator, unless the contribution itself is asked for. Chat shorthand for
# a benefit is listed here rather than read through textnorm.expand: "bhtn" would expand to unemployment too, and
# "lương 8tr đóng bhtn bao nhiêu" asks for a contribution.
BENEFIT = (
    "om",
    "thai san",
    "sinh con",
    "nghi sinh",
    "nghi de",
    "that nghiep",
    "tctn",
    "tai nan",
    "tnld",
    "tro cap",
    "sick",
    "sickness",
    "maternity",
    "birth",
    "childbirth",
    "unemployment",
    "accident",
    "allowance",
    "benefit",
    "tu tuat",
    "tien tuat",
    "mai tang",
    "survivor",
    "funeral",
)
# A pension question that asks what to pay for it asks for a contribution ("contributions" alone is often the story).
PAY_ASKED = ("muc dong", "dong bao nhieu", "how much do i pay", "how much should i pay", "how much must i pay")
CONTRIBUTION_ASKED = (
    "muc dong",
    "phai dong",
    "dong bao nhieu",
    "dong het",
    "trich",
    "tru",
    "contribute",
    "contribution",
    "contributions",
    "deduct",
    "deducted",
    # English names what is paid after "how much": "how much unemployment insurance do I pay on 8 million?"
    "do i pay",
    "do we pay",
    "should i pay",
    "must i pay",
    "will i pay",
    "i have to pay",
    "does my employer pay",
    *PAY_ASKED,
)
PAYING = (*CONTRIBUTION_ASKED, "dong", "pay", "pays", "paying")
ASKED_NEAR = 5  # words on either side of "bao nhiêu" / "how much" read for what it asks


# Vietnamese verbs of paying and of receiving, read just before "bao nhiêu" (its object follows in English, so English
# questions are left to CONTRIBUTION_ASKED's phrases).
PAYING_VI = ("dong", "trich", "tru", "nop tien")
RECEIVING_VI = ("duoc", "dc", "huong", "nhan", "linh", "tra cho", "chi tra")


def pension_amount_asked(text: str) -> bool:
    """Whether the amount asked for is a pension, not a contribution: the pension or paying words nearest the last "bao
    nhiêu" / "how much" (before it, or up to a few words after it) are a pension's. "chọn mức đóng 2 triệu … thì lương
    hưu hằng tháng sẽ là bao nhiêu?", "how much pension will she get?" ask a pension; "đóng bao nhiêu để có lương hưu?",
    "how much do I pay to get a pension?" what is paid. The contribution calculators compute what is paid, never the
    pension it gives."""
    return _nearest_asked(text, (*HOW_MUCH, "bn"), (("pension", PENSION), ("paying", PAYING)), ASKED_NEAR) == "pension"


def contribution_amount_asked(text: str) -> bool:
    """Whether the amount asked for is paid, not received, by the verb nearest before "bao nhiêu": "lương 8 triệu thì
    đóng bảo hiểm thất nghiệp bao nhiêu?" names a benefit's insurance but asks what is paid for it; "đóng 5 năm thì được
    hưởng bao nhiêu?", "bhxh sẽ trả cho em bao nhiêu?" ask the benefit."""
    kinds = (("paying", PAYING_VI), ("receiving", RECEIVING_VI))
    return _nearest_asked(text, ("bao nhieu", "bn"), kinds, 0) == "paying"


def _nearest_asked(text: str, asking: tuple[str, ...], kinds: tuple, after_words: int) -> str | None:
    """Which kind of words is nearest the last of the asking phrases, before it or up to `after_words` words after it
    ("bn": chat shorthand for "bao nhiêu")."""
    words = parsing.folded_words(text).split()
    asks = [(i, len(p.split())) for p in asking for i in _places(words, p)]
    if not asks:
        return None
    at, length = max(asks)
    before = [(at - end, kind) for _, end, kind in _mentions(words[:at], kinds)]
    after = [(start, kind) for start, _, kind in _mentions(words[at + length : at + length + after_words], kinds)]
    nearest = min(before + after, default=None)
    return nearest[1] if nearest is not None else None


def _places(words: list[str], phrase: str) -> list[int]:
    parts = phrase.split()
    return [i for i in range(len(words) - len(parts) + 1) if words[i : i + len(parts)] == parts]


def _mentions(words: list[str], kinds: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[int, int, str]]:
    """Where each kind's words occur: (first word's place, place after the last word, kind)."""
    return [
        (i, i + len(phrase.split()), kind)
        for kind, phrases in kinds
        for phrase in phrases
        for i in _places(words, phrase)
    ]


# Members who already hold a card through another group ("chồng tôi có thẻ của công ty", "mẹ được miễn phí"): the
# household's price depends on who still buys, which the rule of discounts explains better than counting everyone.
COVERED_ELSEWHERE = (
    "da co the",
    "co the bhyt",
    "co the bao hiem",
    "co bhyt",
    "mien phi",
    "duoc cap the",
    "the cua cong ty",
    "the o truong",
    "through work",
    "already has a card",
    "already have a card",
    "free card",
    "tham gia bhyt bat buoc",  # "3 người làm công nhân đã tham gia BHYT bắt buộc"
    "bhyt bat buoc roi",
    "covered by compulsory health insurance",
    "already covered",
    "bao hiem y te o co quan",  # "tôi tham gia bảo hiểm y tế ở cơ quan, hai con ở trường"
    "bhyt o co quan",
    "bao hiem y te o truong",
    "bhyt o truong",
    "at the office",
    "at school",
)


# Whether one must pay, how to get paid for, or whether an amount is right — not what it comes to: "lương 6,75 triệu …
# có phải đóng BHXH bắt buộc không?", "… tôi phải làm thế nào để được đóng?". The rule answers these.
WHETHER = (
    "co phai",
    "phai dong khong",
    "co bat buoc",
    "bat buoc khong",
    "lam the nao",
    "lam sao",
    "thu tuc",
    "co dung khong",
    "dung khong",
    "co duoc khong",
    "duoc khong",
    "dc khong",
    "dc ko",
    "duoc ko",
    "co sai",
    "vi pham",
    "dung luat",
    "trai luat",
    "have to",
    "must i",
    "do i need to",
    "is it compulsory",
    "is it mandatory",
    "how do i",
    "how can i",
    "is this right",
    "is that right",
    "is it right",
    "is this correct",
    "is that correct",
    "is it possible",
    "is it legal",
    "lawful",
    "violating",
    "allowed",
)


# A yes-or-no question on the asker's case: "có được giảm trừ không?", "mẹ chị có được hưởng mức thấp nhất … hay …?",
# "will it be discounted?". With figures in its story it still asks the rule, unless it also asks how much.
_YES_NO = re.compile(
    r"\bco (?:duoc|dc|the|phai|bi)\b[^.?!]{0,80}?\b(?:khong|ko|k|chua|hay)\b"
    r"|\b(?:will|would|can|could|do|does|is|are|should)\s+(?:i|it|we|they|he|she|my|the|this|that)\b[^.?!]*\?"
)


def _whether_question(question: str) -> bool:
    if parsing.has_any(question, HOW_MUCH + PAY_ASKED):
        return False
    return parsing.has_any(question, WHETHER) or bool(_YES_NO.search(fold(question)))


def _paid_asked(question: str) -> bool:
    """Whether what is paid is asked for, by its phrases or by the verb just before "bao nhiêu"."""
    return parsing.has_any(question, CONTRIBUTION_ASKED) or contribution_amount_asked(question)


def _benefit_question(question: str) -> bool:
    return parsing.has_any(question, BENEFIT) and not _paid_asked(question)


def recognise(question: str) -> str | None:
    """Which calculator a question asks for, if any: a number to compute with, or a pension estimate."""
    amount = parsing.money(question)
    if asks_for_rule(question):
        return None
    pension_asked = parsing.has_any(question, HOW_MUCH) and not parsing.has_any(question, PAY_ASKED)
    if parsing.has_any(question, PENSION) and pension_asked and _about_me(question):
        return None if parsing.has_any(question, NOT_MY_PENSION) else "pension"
    if _benefit_question(question) or parsing.has_any(question, MONEY_BACK):
        return None
    if _whether_question(question):
        return None
    family = parsing.has_any(question, HEALTH) and parsing.has_any(question, FAMILY) and _members(question)
    if family and not parsing.has_any(question, COVERED_ELSEWHERE):
        return "family_hi"
    if amount and parsing.has_any(question, VOLUNTARY):
        return "voluntary"
    # "how much unemployment insurance do I pay on 8 million in region I?": a region is an employer's, so the amount
    # asked about for what is paid is a salary even unnamed
    salary = parsing.has_any(question, SALARY) or (parsing.region(question) and _paid_asked(question))
    if amount and salary and not parsing.has_any(question, PENSION):
        return "compulsory"
    return None


def _members(question: str) -> int | None:
    return parsing.count_before(question, ("nguoi", "thanh vien", "people", "members", "persons", "nhan khau"))


def voluntary(question: str) -> Reply:
    inputs = {
        "scheme": "voluntary",
        "period": _period(),
        "income": parsing.money(question),
        "support_group": _support_group(question),
        "months": _schedule(question),
    }
    return _quote(inputs)


def compulsory(question: str) -> Reply:
    inputs = {
        "scheme": "compulsory",
        "period": _period(),
        "salary": parsing.money(question),
        "region": parsing.region(question),
    }
    if inputs["region"] is None:
        return Reply(
            _(
                "Which minimum-wage region is your employer in (I, II, III or IV)? For example: "
                '"salary 10 million, region III".'
            ),
            inputs,
            ["region"],
        )
    reply = _quote(inputs)
    fund = _fund_named(question)
    if reply.result is None or fund is None:
        return reply
    together = _("All compulsory insurances together:") + " " + reply.text[:1].lower() + reply.text[1:]
    return Reply(f"{_fund_part(fund, reply.result)} {together}", reply.inputs, reply.missing, reply.result)


# A compulsory contribution asked for one insurance ("đóng bảo hiểm thất nghiệp bao nhiêu?"): its part comes first.
FUNDS_NAMED = (
    ("unemployment", ("that nghiep", "bhtn", "unemployment")),
    ("health", ("y te", "bhyt", "health insurance")),
)


# Social insurance named too ("đóng BHXH, BHYT bao nhiêu?") asks for every insurance, not one.
SOCIAL_INSURANCE = ("bhxh", "bao hiem xa hoi", "social insurance", "social and")


def _fund_named(question: str) -> str | None:
    named = [fund for fund, phrases in FUNDS_NAMED if parsing.has_any(question, phrases)]
    return named[0] if len(named) == 1 and not parsing.has_any(question, SOCIAL_INSURANCE) else None


def _fund_part(fund: str, result: dict) -> str:
    paid = {line["payer"]: line["amount"] for line in result["lines"] if line["fund"] == fund}
    names = {"unemployment": _("Unemployment insurance"), "health": _("Health insurance")}
    return _("%(fund)s: the employee pays %(employee)s and the employer %(employer)s a month.") % {
        "fund": names[fund],
        "employee": vnd(paid.get("employee", 0)),
        "employer": vnd(paid.get("employer", 0)),
    }


def family_hi(question: str) -> Reply:
    return _quote({"scheme": "family_hi", "period": _period(), "members": _members(question)})


def _quote(inputs: dict) -> Reply:

    try:
        result = contributions.quote(inputs)
    except DomainError as exc:
        return Reply(_("I could not compute this: %(error)s") % {"error": exc}, inputs, [e.field for e in exc.errors])
    return Reply(_describe(inputs, result), inputs, [], result)


def _describe(inputs: dict, result: dict) -> str:
    payers = result["by_payer"]
    if inputs["scheme"] == "voluntary":
        you = payers.get("participant", 0)
        return _(
            "Income %(income)s a month, support group %(group)s, paying %(months)s month(s) at once: you pay "
            "%(you)s; the state adds %(state)s (total %(total)s). Due by %(due)s."
        ) % {
            "income": vnd(inputs["income"]),
            "group": group_label(inputs["support_group"]),
            "months": inputs["months"],
            "you": vnd(you),
            "state": vnd(payers.get("state", 0)),
            "total": vnd(result["total"]),
            "due": result["due_date"],
        }
    if inputs["scheme"] == "family_hi":
        return _(
            "Family health insurance for %(members)s member(s): %(you)s a month for the household "
            "(state support %(state)s)."
        ) % {"members": inputs["members"], "you": vnd(payers.get("household", 0)), "state": vnd(payers.get("state", 0))}
    return _(
        "Insured salary %(salary)s, region %(region)s: the employee pays %(employee)s and the employer "
        "%(employer)s a month (total %(total)s)."
    ) % {
        "salary": vnd(inputs["salary"]),
        "region": inputs["region"],
        "employee": vnd(payers.get("employee", 0)),
        "employer": vnd(payers.get("employer", 0)),
        "total": vnd(result["total"]),
    }
