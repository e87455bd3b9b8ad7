"""The search index: passages rendered with the law in force, BM25 over syllables and dense vectors.

Built by `manage.py assistant_index` and automatically whenever the passages, the policy parameters or
the date change (a cheap stamp is compared at most every few seconds). Each build is written under
VAR_DIR/assistant/index-<stamp>/ and `current.json` is replaced atomically, so other processes switch to
it on their next check and a half-written build is never read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import pickle
import shutil
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np
from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from ansinh.assistant import embeddings, textnorm
from ansinh.assistant.knowledge import FIELDS, asks, render_passage

VOCAB_FIELDS = ("title_vi", "text_vi", "title_en", "text_en", "keywords", "asks_vi", "asks_en")
logging.getLogger("bm25s").setLevel(logging.WARNING)  # its index build logs every call
CHECK_EVERY_S = 5.0
FORMAT = 6  # bump when the index layout changes, so old builds are not read
_lock = threading.Lock()
_loaded: dict = {"index": None, "checked": 0.0}


@dataclass
class Index:
    stamp: str
    built_on: str
    passages: dict[str, dict]  # pid → rendered passage (titles, texts, source, keywords)
    doc_pids: list[str]  # dense documents: one per passage and version, and one per ask
    doc_langs: list[str]  # "vi", "en", "folded" (the Vietnamese text without diacritics) or "ask"
    lexical_pids: list[str]  # BM25 documents: one per passage and language
    bm25: bm25s.BM25
    dense: np.ndarray
    vocab_folded: dict[str, frozenset] = field(default_factory=dict)  # pid → folded terms
    idf: dict[str, float] = field(default_factory=dict)  # folded term → log inverse passage frequency
    restorer: textnorm.Restorer | None = None  # diacritics and typos, learnt from these passages
    doc_texts: list[str] = field(default_factory=list)  # what each dense document embeds

    def canonical(self, question: str) -> str:
        return self.restorer.canonical(question) if self.restorer else question


def root() -> Path:
    return Path(settings.VAR_DIR) / "assistant"


def current_stamp(on: dt.date | None = None) -> str:
    """Changes when a passage, a parameter or the word lists are edited, when the day changes (a new rate may start),
    or when the embedding engine does (its questions' vectors would be compared with another engine's)."""
    from ansinh.assistant.models import Passage
    from ansinh.policy.models import Parameter

    parts = [
        Passage.objects.filter(active=True).aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at")),
        Parameter.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at")),
        (on or timezone.localdate()).isoformat(),
        FORMAT,
        embeddings.ENGINE,
        hashlib.sha1(textnorm.ABBREVIATIONS_FILE.read_bytes()).hexdigest(),
        hashlib.sha1(textnorm.WORDING_FILE.read_bytes() if textnorm.WORDING_FILE.exists() else b"").hexdigest(),
    ]  # abbreviations, synonyms, wording
    return hashlib.sha1(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()[:16]


def _documents(passage: dict, lang: str) -> tuple[str, str]:
    """(lexical text, dense text) of one version of a passage. The "folded" version is the Vietnamese text
    without diacritics: e5 matches questions typed without accents far better against it."""
    if lang == "folded":
        _, dense = _documents(passage, "vi")
        return "", textnorm.fold(dense)
    title, text = passage[f"title_{lang}"], passage[f"text_{lang}"]
    return f"{title} {title} {text} {passage['keywords']}", f"{title}. {text}"


def folded_terms(text: str) -> frozenset:
    return frozenset(t for t in textnorm.tokens(text, textnorm.stopwords()) if t.startswith("~") and "_" not in t)


def build(on: dt.date | None = None) -> Index:
    """Render every active passage with the law in force and index it. Raises PlaceholderError."""
    from ansinh.assistant.models import Passage
    from ansinh.policy.services import params_on

    on = on or timezone.localdate()
    stamp = current_stamp(on)
    params = params_on(on)
    rows = list(Passage.objects.filter(active=True).order_by("pid").values(*FIELDS))
    passages = {row["pid"]: render_passage(row, params) for row in rows}
    learnt = restorer(passages)
    docs = [doc for pid, passage in passages.items() for doc in _passage_documents(pid, passage, learnt)]
    lexical = [(pid, lex) for pid, _, lex, _ in docs if lex]
    model = bm25s.BM25()
    model.index([textnorm.tokens(text, textnorm.stopwords()) for _, text in lexical] or [[""]], show_progress=False)
    dense_docs = [(pid, lang, den) for pid, lang, _, den in docs if den]
    dense, _ = embeddings.passage_vectors(
        [den for _, _, den in dense_docs], root() / "embeddings.npz", [lang == "ask" for _, lang, _ in dense_docs]
    )
    vocab = {pid: folded_terms(" ".join(p[f] for f in VOCAB_FIELDS)) for pid, p in passages.items()}
    frequency = Counter(term for terms in vocab.values() for term in terms)
    idf = {term: math.log((len(vocab) + 1) / (count + 0.5)) for term, count in frequency.items()}
    index = Index(
        stamp,
        on.isoformat(),
        passages,
        [pid for pid, _, _ in dense_docs],
        [lang for _, lang, _ in dense_docs],
        [pid for pid, _ in lexical],
        model,
        dense,
        vocab,
        idf,
        learnt,
        [den for _, _, den in dense_docs],
    )
    _save(index)
    return index


def _passage_documents(pid: str, passage: dict, learnt: textnorm.Restorer) -> list[tuple[str, str, str, str]]:
    """(pid, lang, lexical text, dense text) of a passage's versions and of each of its asks. An ask is
    embedded as a question (e5's "query: " side) after the same canonical form a question gets, because
    e5 matches a question to a question far better than to a statement. For BM25 the asks join their
    passage's document in their language: as documents of their own they did worse (tuning part, hit@1
    0.825 against 0.858)."""
    docs = []
    for lang in ("vi", "en", "folded"):
        lex, den = _documents(passage, lang)
        if lex:
            lex = " ".join([lex, *asks(passage[f"asks_{lang}"])])
        docs.append((pid, lang, lex, den))
    for lang in ("vi", "en"):
        docs.extend((pid, "ask", "", textnorm.expand(learnt.canonical(ask))) for ask in asks(passage[f"asks_{lang}"]))
    return docs


def restorer(passages: dict[str, dict], wording: dict | None = None) -> textnorm.Restorer:
    """Learnt from the Vietnamese texts, everyday question wording and citizens' wording (by default the shipped
    textnorm.citizens_wording). Keywords mix both languages: a run of keywords counts as Vietnamese when each has
    diacritics or appears in the Vietnamese texts."""
    vietnamese = [f"{p['title_vi']}. {p['text_vi']}" for p in passages.values()] + [textnorm.question_phrases()]
    vietnamese += [ask for p in passages.values() for ask in asks(p["asks_vi"])]
    english = [f"{p['title_en']}. {p['text_en']}" for p in passages.values()]
    english += [ask for p in passages.values() for ask in asks(p["asks_en"])]
    syllables = {textnorm.fold(w) for text in vietnamese for w in textnorm.words(text)}
    for p in passages.values():
        runs: list[tuple[bool, list[str]]] = []
        for word in textnorm.words(p["keywords"]):
            is_vi = not word.isascii() or word in syllables
            if runs and runs[-1][0] == is_vi:
                runs[-1][1].append(word)
            else:
                runs.append((is_vi, [word]))
        for is_vi, run in runs:
            (vietnamese if is_vi else english).append(" ".join(run))
    return textnorm.Restorer(vietnamese, english, textnorm.citizens_wording() if wording is None else wording)


def _save(index: Index) -> None:
    target = root() / f"index-{index.stamp}"
    tmp = root() / f".tmp-{index.stamp}-{time.time_ns()}"
    tmp.mkdir(parents=True, exist_ok=True)
    with open(tmp / "index.pickle", "wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    if target.exists():  # a rebuild of the same stamp (e.g. forced by the command) replaces it
        shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    pointer = root() / "current.json"
    pointer_tmp = root() / f".current-{time.time_ns()}.json"
    pointer_tmp.write_text(json.dumps({"stamp": index.stamp, "built_on": index.built_on}), encoding="utf-8")
    pointer_tmp.replace(pointer)
    for old in root().glob("index-*"):
        if old.name != target.name and old.stat().st_mtime < time.time() - 60:
            shutil.rmtree(old, ignore_errors=True)


def _read(stamp: str) -> Index | None:
    path = root() / f"index-{stamp}" / "index.pickle"
    if not path.exists():
        return None
    with open(path, "rb") as fh:
        return pickle.load(fh)  # our own file under VAR_DIR, written by _save


def current() -> Index:
    """The index for the passages and law in force now: loaded from disk, or rebuilt when stale."""
    with _lock:
        index, now = _loaded["index"], time.monotonic()
        if index is not None and now - _loaded["checked"] < CHECK_EVERY_S:
            return index
        stamp = current_stamp()
        if index is None or index.stamp != stamp:
            index = _read(stamp) or build()
        _loaded.update(index=index, checked=now)
        return index


def forget() -> None:
    """Drop the in-process copy (after passage edits, so the next question sees them)."""
    with _lock:
        _loaded.update(index=None, checked=0.0)
