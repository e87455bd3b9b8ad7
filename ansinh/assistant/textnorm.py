"""Text normalisation for lexical retrieval: Vietnamese syllables, diacritic-folded copies, abbreviations.

Pure: no Django. A Vietnamese word is one to three syllables separated by spaces, so the index holds the
syllables, the syllable pairs (bigrams, which stand in for words such as "bảo hiểm") and, for each, a
copy folded to plain ASCII (đ→d, accents dropped) so questions typed without diacritics still match.
Abbreviations that citizens type (BHXH, BHYT, CCCD …) are expanded to the words they stand for.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[0-9a-zà-ỹđ]+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
ABBREVIATIONS_FILE = Path(__file__).parent / "knowledge" / "abbreviations.toml"
# Citizens' spellings and syllable pairs (citizens_wording), which the restorer learns besides the passages'.
WORDING_FILE = Path(__file__).parent / "knowledge" / "wording.json"


@lru_cache(maxsize=1 << 14)  # words and passages, a few MB at most
def fold(text: str) -> str:
    """Drop Vietnamese diacritics: 'Bảo hiểm đóng' → 'bao hiem dong'.

    Kept per text: an answer folds each of its words and passages many times over (a fifth of the CPU of an
    answer whose question vector is known, before this cache)."""
    text = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def numbers(text: str) -> set[str]:
    """The figures a text states, as written ("4.680.000", "1,5", "30")."""
    return set(_NUMBER.findall(text))


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text.lower()))


def word_spans(text: str):
    """Where each of `words(text)` lies in `text` (NFC text: lower-casing keeps its length)."""
    return _WORD.finditer(text.lower())


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Folded abbreviation → its expansion (Vietnamese and English words), from the data file."""
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return {fold(short): expansion for short, expansion in data["abbreviations"].items()}


@lru_cache(maxsize=1)
def synonyms() -> list[tuple[str, str]]:
    """(folded phrase, the words it also means): 'toi da' → 'cao nhất nhiều nhất maximum'."""
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    pairs = [(" " + fold(k) + " ", v) for k, v in data["synonyms"].items()]
    return sorted(pairs, key=lambda kv: -len(kv[0]))  # longest first: it takes its words out of the question


def expand(text: str) -> str:
    """Append the expansion of every abbreviation found, keeping the original words too."""
    table = abbreviations()
    extra = [table[fold(w)] for w in words(text) if fold(w) in table]
    return text if not extra else text + " " + " ".join(extra)


def with_synonyms(question: str) -> str:
    """A question with the other words for its phrases appended (questions only: in a passage "lương tối
    thiểu vùng" is a name, not "the lowest")."""
    padded = " " + " ".join(fold(w) for w in words(question)) + " "
    extra = []
    for phrase, meaning in synonyms():
        if phrase in padded:
            padded = padded.replace(phrase, " | ")
            extra.append(meaning)
    extra = [meaning for meaning in extra if meaning]
    return question if not extra else question + " " + " ".join(extra)


def _with_bigrams(syllables: list[str]) -> list[str]:
    return syllables + [f"{a}_{b}" for a, b in zip(syllables, syllables[1:], strict=False)]


def _stem(token: str) -> str:
    """A light English plural stem so 'payments' meets 'payment'; Vietnamese syllables never end so."""
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss") and token.isascii():
        return token[:-1]
    return token


def tokens(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Index terms: syllables and bigrams in their written form plus folded copies."""
    syllables = [_stem(w) for w in words(expand(text)) if w not in stopwords]
    written = _with_bigrams(syllables)
    folded = ["~" + fold(t) for t in written]
    return written + folded


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return frozenset(data["stopwords"]["words"].split())


# --- Questions typed without diacritics, with typos, or in English -------------------------------------
# A question is reduced to one canonical form that depends only on its folded letters: Vietnamese is
# folded and its diacritics restored from the knowledge base's own words and citizens' (WORDING_FILE) (the most
# likely accented sequence, syllable pairs first), a folded syllable neither uses is corrected to the nearest one
# they use (one edit away); English is left as written. So "dong bhxh tu nguyen bao nhieu" and "đóng BHXH tự
# nguyện bao nhiêu" are searched as the same text and get the same answer. From the passages' words alone, 9.8 % of
# the words of the tuning part's letters typed without diacritics came back wrong ("hỏi" → "hội", "nhưng" →
# "những", "tốt" → "tôi"), and the same words typed with them were changed alike; learnt also from the other
# letter batches' accented questions, 1.8–4.8 % on each batch left out (5.9–12.4 % before).

CANONICAL_KEPT = 2048
TYPED_ACCENTS = 0.3  # Vietnamese marks most syllables; a word or two accented among plain ones is not enough
_PAIR_WEIGHT = 4.0  # a seen syllable pair outweighs the frequency of either syllable alone
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def question_phrases() -> str:
    """Everyday question wording (not in the passages) that the restorer must also know."""
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return data["vocabulary"]["phrases"]


@lru_cache(maxsize=1)
def _shorthand_rules() -> list[tuple[re.Pattern, str]]:
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))["shorthand"]
    ordered = sorted(data.items(), key=lambda kv: -len(kv[0]))  # "bhxh tn" before "tn"
    return [
        (re.compile(r"(?<![0-9a-z])" + re.escape(fold(short)) + r"(?![0-9a-z])"), fold(full)) for short, full in ordered
    ]


def shorthand(folded: str) -> str:
    """Chat shorthand written out in folded words: 'ko dc' → 'khong duoc', 'bhxh tn' → 'bhxh tu nguyen'."""
    for pattern, full in _shorthand_rules():
        folded = pattern.sub(full, folded)
    return folded


# A question's closing mark is dropped: typed without diacritics it often has none, and e5 alone gave the two forms
# different answers for 6 % of the tuning and held-out pairs (none without it; hit@1 0.852 → 0.850 with accents).
_CLOSING = re.compile(r"[\s?.!…]+$")


class Restorer:
    """Diacritic restoration and typo correction learnt from accented Vietnamese text (pure, picklable)."""

    def __init__(self, vietnamese: list[str], english: list[str], wording: dict | None = None):
        forms, self.pairs = _spellings_and_pairs(vietnamese)
        self.forms: dict[str, Counter] = dict(forms)  # folded syllable → accented spellings
        english_words = {fold(w) for text in english for w in words(text)}
        self.vietnamese_only = frozenset(w for w in self.forms if w not in english_words and not w.isdigit())
        self.english_only = frozenset(w for w in english_words if w not in self.forms and not w.isdigit())
        if wording:
            self._learn(wording)
        self.frequency = {folded: sum(c.values()) for folded, c in self.forms.items()}

    def _learn(self, wording: dict) -> None:
        """Citizens' spellings and syllable pairs (count_wording) added to the knowledge base's. They restore and
        correct; which words tell Vietnamese from English stays the knowledge base's (a letter's "online" or "app"
        must not make an English question Vietnamese)."""
        for folded, spellings in wording["forms"].items():
            self.forms.setdefault(folded, Counter()).update(spellings)
        self.pairs.update({(a, b): n for a, b, n in wording["pairs"]})

    def is_vietnamese(self, folded_words: list[str]) -> bool:
        """More syllables only Vietnamese uses than words only English uses (ties: Vietnamese, the default)."""
        known = set(abbreviations())
        vietnamese = sum(w in self.vietnamese_only or (w in known and len(w) > 2) for w in folded_words)
        english = sum(w in self.english_only for w in folded_words)
        return vietnamese >= english and (vietnamese > 0 or not folded_words or english == 0)

    def question_words(self, question: str) -> list[str]:
        """A question's words as is_vietnamese reads them: folded, shorthand expanded ("bhxh tn" → "… tu nguyen")."""
        return words(shorthand(fold(question)))

    def correct(self, folded: str) -> str:
        """A syllable one edit away from a known one (most frequent wins); known words are kept."""
        if folded in self.forms or folded.isdigit() or len(folded) < 3 or folded in abbreviations():
            return folded
        candidates = [c for c in _edits(folded) if c in self.forms]
        return max(candidates, key=lambda c: (self.frequency[c], c)) if candidates else folded

    def restore(self, folded_words: list[str]) -> list[str]:
        """The most likely accented spelling of a sequence of folded syllables (Viterbi over pairs)."""
        best: dict[str, tuple[float, list[str]]] = {"": (0.0, [])}
        for word in folded_words:
            options = self.forms.get(word) or Counter({word: 1})  # unknown words stay as typed
            total = sum(options.values())
            step = {}
            for form, count in options.items():
                unigram = math.log(count / total)
                step[form] = max(
                    (
                        (score + unigram + _PAIR_WEIGHT * math.log1p(self.pairs.get((prev, form), 0)), path + [form])
                        for prev, (score, path) in best.items()
                    ),
                    key=lambda sp: sp[0],
                )
            best = step
        return max(best.values(), key=lambda sp: sp[0])[1]

    def canonical(self, question: str) -> str:
        """The text retrieval sees: Vietnamese re-accented and corrected, English unchanged (see above). Kept per
        restorer for the last CANONICAL_KEPT questions: one answer reads it in the search, the confidence model's
        signals and the answer's sentences (a letter's restoration is most of a millisecond each time)."""
        kept = self.__dict__.setdefault("_canonical_kept", {})
        if question not in kept:
            if len(kept) >= CANONICAL_KEPT:
                kept.clear()
            kept[question] = self._canonical(question)
        return kept[question]

    def _canonical(self, question: str) -> str:
        folded = shorthand(unicodedata.normalize("NFC", fold(question)))
        spans = list(_WORD.finditer(folded))
        tokens_ = [m.group(0) for m in spans]
        if not self.is_vietnamese(tokens_):
            return question
        restored = self.restore([self.correct(t) for t in tokens_])
        out, at = [], 0
        for match, word in zip(spans, restored, strict=False):
            out.append(folded[at : match.start()])
            out.append(word)
            at = match.end()
        out.append(folded[at:])
        return _CLOSING.sub("", "".join(out))


def written_with_diacritics(text: str) -> bool:
    """Vietnamese typed with its marks: at least TYPED_ACCENTS of the words carry one."""
    typed = words(text)
    return bool(typed) and sum(word != fold(word) for word in typed) >= TYPED_ACCENTS * len(typed)


def _spellings_and_pairs(texts) -> tuple[defaultdict[str, Counter], Counter]:
    """Each folded syllable's accented spellings, and the syllable pairs, counted over accented texts."""
    forms: defaultdict[str, Counter] = defaultdict(Counter)
    pairs: Counter = Counter()
    for text in texts:
        syllables = words(text)
        for syllable in syllables:
            forms[fold(syllable)][syllable] += 1
        pairs.update(zip(syllables, syllables[1:], strict=False))
    return forms, pairs


def count_wording(texts) -> dict:
    """The spellings and syllable pairs of accented Vietnamese texts, as Restorer learns them ("wording")."""
    forms, pairs = _spellings_and_pairs(texts)
    return {
        "forms": {folded: dict(sorted(spellings.items())) for folded, spellings in sorted(forms.items())},
        "pairs": [[a, b, n] for (a, b), n in sorted(pairs.items())],
    }


@lru_cache(maxsize=1)
def citizens_wording() -> dict:
    """How citizens write (WORDING_FILE): learnt from the accented questions of the evaluation set's tuning part by
    bench/assistant_eval.py --calibrate; none when the file is absent."""
    if not WORDING_FILE.exists():
        return {"forms": {}, "pairs": []}
    return json.loads(WORDING_FILE.read_text(encoding="utf-8"))


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts
