"""Detect the language of a document.

Uses py3langid (BSD licence, model shipped in the wheel, no download): a
fast n-gram classifier over 140 languages that returns ISO 639-1 codes.
"""

from __future__ import annotations

import copy
import math
import threading
from functools import lru_cache
from itertools import pairwise

import numpy as np

from analysis.errors import invalid
from analysis.lexicon import available_languages

# Enough text to decide; classifying a whole transcript adds time, not accuracy.
SAMPLE_CHARS = 3000
# Below this probability a language without lexicons loses to the closest one that has them
# (a few words do not tell Galician from Spanish).
CONFIDENT = 0.95


# Every state of py3langid's n-gram automaton is the same after these many bytes, whatever state it
# started from (checked by `tests/test_language.py`): its state at a byte depends on that byte and the
# ones just before it, so all positions can be walked at once instead of one byte after another.
SYNC_BYTES = 6


class _Scorer:
    """py3langid's scores, computed with numpy over all bytes of many texts at once.

    py3langid walks its automaton one byte at a time in Python, and converts the
    float16 weights of each feature seen to float32 for every text. Here the walk
    is `SYNC_BYTES` vectorized steps, and each feature's weights are converted once,
    when first seen. The counts come in py3langid's order (first occurrence), and the
    float32 steps are its own, so the scores, and the languages, are bit for bit the same.
    """

    def __init__(self, identifier: object) -> None:
        self.identifier = identifier
        moves = identifier.tk_nextmove  # an array.array: numpy shares its memory
        self.moves = np.frombuffer(moves, dtype=np.dtype(moves.typecode))
        self.rows = np.asarray(identifier._rowbase, dtype=np.intp)
        self.features = np.asarray(identifier.tk_output, dtype=np.intp)
        self.table = identifier.nb_ptc
        # Converted weights, a row per feature in the order features are first met: the common ones end up
        # side by side (fewer cache misses), and the pages past the last row filled take no memory.
        self.weights = np.empty(self.table.shape, dtype=np.float32)
        self.row = np.full(self.table.shape[0], -1, dtype=np.intp)  # feature → its row in `weights`, or -1
        self.filled = 0

    def batch_visits(self, texts: list[bytes]) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """Return, for each of `texts` (UTF-8), the features found and their counts, or None if it has none.

        The features come in order of first occurrence, as py3langid counts them.
        """
        ids, counts, edges = self._counts(texts)
        return [(ids[a:b], counts[a:b]) if b > a else None for a, b in pairwise(edges)]

    def _counts(self, texts: list[bytes]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """Return the features of all `texts` and their counts (float32), text after text, and the
        `len(texts) + 1` edges where each text begins and ends in them.

        All texts are walked together (numpy's cost per call is paid once), joined with SYNC_BYTES
        zero bytes, which bring any state back to the start state.
        """
        gap = bytes(SYNC_BYTES)
        joined = gap.join(texts)
        n = len(joined)
        padded = np.frombuffer(gap[1:] + joined, dtype=np.uint8)  # byte 0 leaves the start state as it is
        state = np.zeros(n, dtype=np.intp)
        for k in range(SYNC_BYTES):
            state = self.moves[self.rows[state] + padded[k : k + n]]
        found = self.features[state]
        sizes = np.array([len(t) for t in texts], dtype=np.intp)
        owner = np.repeat(np.arange(len(texts), dtype=np.intp), sizes + SYNC_BYTES)[:n]  # the text of each byte
        starts = np.concatenate(([0], np.cumsum(sizes + SYNC_BYTES)[:-1]))
        seen = np.flatnonzero((found >= 0) & (np.arange(n) - starts[owner] < sizes[owner]))  # not in a gap
        if not seen.size:
            return seen, np.zeros(0, dtype=np.float32), [0] * (len(texts) + 1)
        keys = owner[seen] * len(self.features) + found[seen]
        # Equal keys grouped by a stable sort: a group's first index is its first occurrence. Then the groups
        # in order of first occurrence (by text, then by place: py3langid's order), scattered over the places
        # and gathered back in linear time rather than sorted again.
        perm = np.argsort(keys, kind="stable")
        keys = keys[perm]
        heads = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        first = perm[heads]
        counts = np.diff(np.append(heads, keys.size))
        group = np.full(keys.size, -1, dtype=np.intp)
        group[first] = np.arange(heads.size)
        order = group[group >= 0]
        keys, counts = keys[heads][order], counts[order].astype(np.float32)
        texts_of = keys // len(self.features)
        bounds = np.searchsorted(texts_of, np.arange(len(texts) + 1))
        ids = keys % len(self.features)
        return ids, counts, bounds.tolist()

    def probabilities(self, texts: list[bytes]) -> np.ndarray:
        """Return py3langid's `_decide` of each text (UTF-8, as `_encode` gives it), a row each.

        Its steps, on all rows at once: the same float32 operations on the same numbers.
        """
        ids, counts, edges = self._counts(texts)
        weights, rows, logs = self.weights, self._rows(ids), np.log1p(counts)
        base, empty = self.identifier.nb_pc, self.identifier._raw_score(b"")  # its answer for a text without features
        scores = np.stack([logs[a:b] @ weights[rows[a:b]] + base if b > a else empty for a, b in pairwise(edges)])
        scores *= np.array([1.0 / math.sqrt(len(t) or 1) for t in texts], dtype=np.float32)[:, None]
        np.exp(scores - scores.max(axis=1, keepdims=True), out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        for i, j in self.identifier._alias_pairs:
            scores[:, i] += scores[:, j]
            scores[:, j] = 0.0
        return scores

    def _rows(self, ids: np.ndarray) -> np.ndarray:
        """Return the rows of `weights` that hold the features `ids`, converting those met for the first time."""
        rows = self.row[ids]
        new = ids[rows < 0]
        if new.size:
            _, first = np.unique(new, return_index=True)
            new = new[np.sort(first)]  # in the order they are met
            end = self.filled + new.size
            self.weights[self.filled : end] = self.table[new]
            self.row[new] = np.arange(self.filled, end)
            self.filled = end
            rows = self.row[ids]
        return rows


@lru_cache(maxsize=1)
def _identifiers() -> tuple[object, object]:
    from analysis.langmodel import load_identifier

    full = load_identifier()
    ours = copy.copy(full)  # set_languages rebinds its arrays: a shallow copy spares a second model load
    ours.set_languages(list(available_languages()))
    return full, ours


@lru_cache(maxsize=1)
def _scorer() -> _Scorer:
    """Return the `_Scorer` of the full model (140 languages)."""
    return _Scorer(_identifiers()[0])


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in.

    Any of the 140 languages py3langid knows may come out, but one
    accords has no lexicons for must be detected with confidence; else
    the text is classified among the languages that have lexicons, since
    a few words do not tell Galician from Spanish.
    Text without letters gives "und" (undetermined).
    """
    return detect_languages([text])[0]


def detect_languages(texts: list[str]) -> list[str]:
    """Return `detect_language` of each text, found together: faster than one by one."""
    with _LOCK:  # the scorer fills its weights as features are met: one call at a time
        return _detect_languages(texts)


_LOCK = threading.Lock()


def _detect_languages(texts: list[str]) -> list[str]:
    full, ours = _identifiers()
    samples = [t[:SAMPLE_CHARS] for t in texts]
    codes = ["und"] * len(texts)
    lettered = [i for i, sample in enumerate(samples) if any(ch.isalpha() for ch in sample)]
    if not lettered:
        return codes
    scores = _scorer().probabilities([full._encode(samples[i]) for i in lettered])
    best = scores.argmax(axis=1).tolist()
    for k, i in enumerate(lettered):
        code, prob = full.nb_classes[best[k]], float(scores[k, best[k]])
        codes[i] = code if code in available_languages() or prob >= CONFIDENT else ours.classify(samples[i])[0]
    return codes


def resolve_language(text: str, language: str) -> str:
    """Return the language to analyse `text` in: `language` itself, or the detected one for "auto".

    Raises:
        ArgumentError: `language` is neither "auto" nor a two- or three-letter code.
    """
    if language == "auto":
        return detect_language(text)
    if not (isinstance(language, str) and language.isalpha() and 2 <= len(language) <= 3):
        raise invalid("language", language, "'auto' or a language code such as 'es' or 'en'")
    return language.lower()
