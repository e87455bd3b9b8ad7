"""Answering a question: personal records, a calculator, the knowledge base — or "I don't know".

Policy answers quote the best passage's most relevant sentences and cite it; numbers in them come from
the passages (filled from the policy store), never from a model. Below the confidence threshold the
assistant says it does not know and gives the hotline and the nearest office instead of guessing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ansinh.assistant import (
    calculators,
    calibration,
    compose,
    generative,
    index,
    letters,
    memory,
    offices,
    pension_calc,
    personal,
    retrieval,
    textnorm,
)
from ansinh.assistant.knowledge import asks

THRESHOLD = None  # answer only at this calibrated probability or above; None: the fitted one (calibration.toml)
# Below THRESHOLD, the two-case answer (each of the first two passages, under its title) is given at this probability
# that one of the two is right, or above; None: the fitted one. Letters often leave open which of two sibling rules
# applies (both parents insured, or only the father): an officer would then answer "if …, then …; if …, then …".
EITHER_THRESHOLD = None
CASE_SENTENCES = 2  # sentences of each case in a two-case answer, and of the answer to each further question
FURTHER_MIN_WORDS = 5  # a further question of fewer words ("Thủ tục ra sao?") means nothing without the first
MAX_CITED = 4  # an answer cites at most this many passages, those of its further questions included
RUNNER_UP_FLOOR = 0.55  # a runner-up passage is read only when its own word/cosine match is at least this
SHORT_SENTENCE = 80  # a first sentence shorter than this is introduced by its passage's title
USE_SHARE = 0.6  # read the runners-up too when their fused score is at least this share of the best
CALCULATOR_PASSAGE = {
    "voluntary": "vsi.rate",
    "compulsory": "contrib.rates",
    "family_hi": "fhi.amounts",
    "pension": "pension.rate",
}
# When unsure, the passages ranked first are offered as questions the citizen may have meant, never as an answer:
# the right passage is among the first three for most letters it declines (bench/assistant_eval.py, "suggestions").
# None is offered when the passage classifier gives "none of the passages" this probability or more: on the tuning
# part's declined questions (cross-fitted), the ceiling 0.15 maximises the share of in-scope ones offered a right
# passage (0.781) less the share of off-topic ones offered any (0.069); at 0.5: 0.825 and 0.24, at 0.1: 0.755, 0.052.
SUGGESTIONS = 3
SUGGEST_OFF_TOPIC_CEIL = 0.15
# Readers' letters reach about 850 characters and ask at their end: a cap must leave room for the question itself.
MAX_QUESTION = 1000
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Answer:
    answer: str
    kind: str
    confidence: float
    passage_ids: list[str] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    refused: bool = False
    inputs: dict | None = None
    missing: list[str] = field(default_factory=list)
    understood_as: str = ""
    offer_callback: bool = False  # the widget offers "call me back" (feedback app) when the assistant is unsure
    suggestions: list[dict] = field(default_factory=list)  # when unsure: questions it can answer, to pick from
    two_cases: bool = False  # unsure which of two passages applies: each is given under its title
    lang: str = "vi"  # the language answered in


def ask(question: str, lang: str = "vi", user=None, context: memory.Context | None = None, passage: str = "") -> Answer:
    """Answer one question; with the chat's context a follow-up is understood together with what came before. With
    `passage` (a suggestion the asker picked) the answer comes from that passage."""
    asked = " ".join(question.split())[:MAX_QUESTION]
    if passage:
        return _picked(asked, passage, lang)
    question = memory.understood(asked, context)
    # A follow-up's own words say what changed ("hộ nghèo"): searched twice as strongly as the carried topic.
    searched = question if question == asked else f"{asked} {question}"
    built = index.current()
    lang = answer_language(built, asked, lang)
    with translation.override(lang):
        # A letter's story ("tôi đã đóng BHXH 9 năm …") is no question about one's records: its asking part decides.
        found = (
            _personal(letters.asking_part(question) or question, user)
            or _calculator(question, user, built, lang, searched)
            or _policy(searched, built, lang, user, asked)
        )
        found = found or _unknown(user)
        found.understood_as, found.lang = question, lang
        return found


def answer_language(built, question: str, page_lang: str) -> str:
    """The question's own language where its words tell (three words or more), else the page's. A Vietnamese
    question typed on the English page — a browser set to English shows it — is answered in Vietnamese, and a
    question in English on the Vietnamese page, the default, in English."""
    if built.restorer is None:
        return page_lang
    words = built.restorer.question_words(question)
    if len(words) < 3:
        return page_lang
    return "vi" if built.restorer.is_vietnamese(words) else "en"  # "How do I … in Hà Tĩnh?" stays English


def _citation(built, pid: str, lang: str) -> dict:
    passage = built.passages[pid]
    return {"title": passage[f"title_{lang}"], "source": passage["source"], "passage_id": pid}


def _personal(question: str, user) -> Answer | None:
    kind = personal.intent(question)
    if kind is None:
        return None
    reply = personal.answer(question, kind, user)
    return Answer(reply.text, "personal", 1.0, refused=reply.refused)


def _calculator(question: str, user, built, lang: str, searched: str) -> Answer | None:
    kind = calculators.recognise(question)
    asked = letters.asking_part(question)
    if kind is None or (asked is not None and not calculators.asked_in(asked, kind)):
        return None
    if kind in ("voluntary", "compulsory") and calculators.pension_amount_asked(asked or question):
        return None  # "đóng 2 triệu thì lương hưu bao nhiêu?": the rules of the pension, not what is paid
    if kind == "pension":
        reply = pension_calc.pension(
            question, getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
        )
    else:
        reply = getattr(calculators, kind)(question)
    # A short question with all its inputs is computed, a letter with all its inputs unless the knowledge base is sure
    # of another rule than the calculator's. A question the calculator would ask back for inputs goes to the knowledge
    # base when that is sure of another rule, and a letter when it only ranks another rule first.
    letter_asked_back = asked is not None and bool(reply.missing)
    if (asked is not None or reply.missing) and _another_rule(built, searched, kind, sure=not letter_asked_back):
        return None
    pid = CALCULATOR_PASSAGE[kind]
    citations = [_citation(built, pid, lang)] if pid in built.passages else []
    return Answer(
        reply.text,
        "calculator",
        1.0 if not reply.missing else 0.5,
        [c["passage_id"] for c in citations],
        citations,
        inputs=reply.inputs,
        missing=reply.missing,
    )


def _another_rule(built, question: str, kind: str, sure: bool) -> bool:
    """Whether the knowledge base ranks first another rule than the calculator's for a question the calculator
    recognised (a figure and "bao nhiêu": "có bao nhiêu hình thức nhận lương hưu?", "công ty tự hạ mức đóng xuống 5,4
    triệu, đúng không?"), and with `sure` whether it is sure of it at the calibrated threshold."""
    hits = retrieval.search(built, question)
    if not hits or hits[0].pid == CALCULATOR_PASSAGE[kind]:
        return False
    return not sure or calibration.probability(calibration.signals(hits, built, question)) >= calibration.threshold()


def condense(text: str, question: str, keep: int = 3) -> str:
    """The passage's sentences that share most words with the question, in their original order."""
    sentences = [s for s in _SENTENCE.split(text) if s]
    if len(sentences) <= keep:
        return text
    asked = {t for t in retrieval.query_terms(question) if t.startswith("~")}
    scores = [len(asked & set(textnorm.tokens(s))) for s in sentences]
    chosen = sorted(sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:keep])
    return " ".join(sentences[i] for i in chosen)


def _used_passages(hits: list) -> list:
    """The passages worth reading: the best one and those ranked close to it that are themselves on topic."""
    return [hits[0]] + [h for h in hits[1:] if h.confidence >= RUNNER_UP_FLOOR and h.fused >= USE_SHARE * hits[0].fused]


def offers_suggestions(off_topic: float) -> bool:
    """Whether a question the classifier gives this probability of being about none of the passages gets any."""
    return off_topic < SUGGEST_OFF_TOPIC_CEIL


def suggestions(built, hits: list, lang: str) -> list[dict]:
    """The first passages' own first questions, offered when the assistant is unsure (none for an off-topic one)."""
    if not hits or not offers_suggestions(hits[0].off_topic):
        return []
    offered = []
    for hit in hits[:SUGGESTIONS]:
        passage = built.passages[hit.pid]
        questions = asks(passage[f"asks_{lang}"])
        title = passage[f"title_{lang}"]
        offered.append({"passage_id": hit.pid, "title": title, "question": questions[0] if questions else title})
    return offered


def _picked(question: str, pid: str, lang: str) -> Answer:
    """The answer from the passage the asker picked among the suggestions: the asker chose it, so it is given whatever
    the confidence of a search would be (and with confidence 1)."""
    built = index.current()
    lang = lang if lang in ("vi", "en") else "vi"
    with translation.override(lang):
        found = _composed(built, question, [pid], lang, 1.0)
        found.understood_as, found.lang = question, lang
        return found


def _composed(built, question: str, pids: list[str], lang: str, sure: float) -> Answer:
    chosen = compose.choose(built, question, pids, lang)
    cited_pids = list(dict.fromkeys(pid for pid, _ in chosen))
    text = " ".join(sentence for _, sentence in chosen)
    if len(chosen[0][1]) < SHORT_SENTENCE:  # "Tối đa 75%." needs its subject
        text = f"{built.passages[chosen[0][0]][f'title_{lang}']}: {text}"
    text = generative.rewrite(question, [built.passages[pid] for pid in cited_pids], text, lang)
    citations = [_citation(built, pid, lang) for pid in cited_pids]
    return Answer(text, "policy", sure, [c["passage_id"] for c in citations], citations)


def _policy(question: str, built, lang: str, user=None, own_words: str = "") -> Answer | None:
    """The knowledge base's answer to `question` (a follow-up carries its topic); `own_words`, the message as the asker
    wrote it, says which further questions it asks."""
    hits = retrieval.search(built, question)
    if not hits:
        return None
    signals = calibration.signals(hits, built, question)
    sure = calibration.probability(signals)
    if sure >= _threshold():
        composed = _composed(built, question, [h.pid for h in _used_passages(hits)], lang, sure)
        return _with_further_questions(built, own_words or question, composed, lang)
    either = calibration.either_probability(signals)
    if len(hits) > 1 and either >= _either_threshold():
        return two_cases(built, question, [hits[0].pid, hits[1].pid], lang, either)
    unsure = _unknown(user)
    unsure.suggestions = suggestions(built, hits, lang)
    return unsure


def _threshold() -> float:
    return calibration.threshold() if THRESHOLD is None else THRESHOLD


def _either_threshold() -> float:
    return calibration.either_threshold() if EITHER_THRESHOLD is None else EITHER_THRESHOLD


def _further_questions(question: str) -> list[str]:
    """The questions a message asks, when it asks more than one ("Thẻ hết hạn ngày nào? Vào lớp 1 có được Nhà nước
    đóng không?"); none for a message that asks one thing."""
    asked = letters.asking_part(question) or question
    found = [s for s in letters.sentences(asked) if letters.asks(s) and len(textnorm.words(s)) >= FURTHER_MIN_WORDS]
    return found if len(found) > 1 else []


def _with_further_questions(built, question: str, answer: Answer, lang: str) -> Answer:
    """Each further question of the message that its own search answers surely, with a passage on the answer's topic
    that the answer does not cite yet, gets that passage's best sentences on a line of its own, cited. Read alone, a
    further question loses the message's subject ("bao lâu thì nhận được?" after a survivor's claim found the
    unemployment benefit's timing): an independent reviewer judged 6 of 55 such additions misleading on the tuning part,
    4 of them on another topic than the answer's; on the answer's topic, 21 of 30 answers right in full against 9."""
    topic = built.passages[answer.passage_ids[0]]["topic"]
    for asked in _further_questions(question):
        if len(answer.passage_ids) >= MAX_CITED:
            break  # no search for a question whose answer could not be added
        hits = retrieval.search(built, asked)
        if not hits or hits[0].pid in answer.passage_ids or built.passages[hits[0].pid]["topic"] != topic:
            continue
        if calibration.probability(calibration.signals(hits, built, asked)) < _threshold():
            continue
        chosen = compose.choose(built, asked, [hits[0].pid], lang, limit=CASE_SENTENCES)
        answer.answer += "\n" + " ".join(sentence for _, sentence in chosen)
        answer.passage_ids.append(hits[0].pid)
        answer.citations.append(_citation(built, hits[0].pid, lang))
    return answer


def two_cases(built, question: str, pids: list[str], lang: str, either: float) -> Answer:
    """Each passage's sentences that answer the question, under its title, first passage first; both cited, and a
    call back offered (the assistant is not sure which case is the asker's). Never rephrased by the generative model:
    the cases must stay apart."""
    cases = []
    for number, pid in enumerate(pids, start=1):
        chosen = compose.choose(built, question, [pid], lang, limit=CASE_SENTENCES)
        text = " ".join(sentence for _, sentence in chosen)
        cases += [f"{number}. {built.passages[pid][f'title_{lang}']}", text]  # a title may be a question
    text = "\n".join([_("It depends on your case; the rule is one of these two:"), *cases])
    citations = [_citation(built, pid, lang) for pid in pids]
    return Answer(text, "policy", either, list(pids), citations, offer_callback=True, two_cases=True)


def _unknown(user) -> Answer:
    office = offices.nearest(offices.area_of(user))
    name = office["name_vi"] if translation.get_language() == "vi" else office["name_en"]
    return Answer(
        _(
            "I am not sure I can answer that correctly. Please call the hotline %(hotline)s, ask at "
            "%(office)s (%(address)s), or ask for an officer to call you back."
        )
        % {"hotline": settings.AGENCY_HOTLINE, "office": name, "address": office["address"]},
        "unknown",
        0.0,
        offer_callback=True,
    )
