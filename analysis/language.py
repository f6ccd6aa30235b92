"""Detect the language of a document.

Uses py3langid (BSD licence, model shipped in the wheel, no download): a
fast n-gram classifier over 97 languages that returns ISO 639-1 codes.
"""

from __future__ import annotations

import copy
from functools import lru_cache

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
    """py3langid's scores, computed with numpy over all bytes of a text at once.

    py3langid walks its automaton one byte at a time in Python, and converts the
    float16 weights of each feature seen to float32 for every text. Here the walk
    is `SYNC_BYTES` vectorized steps, and each feature's weights are converted once,
    when first seen. The counts come in py3langid's order (first occurrence), so
    the scores, and the languages, are bit for bit the same.
    """

    def __init__(self, identifier: object) -> None:
        self.identifier = identifier
        moves = identifier.tk_nextmove  # an array.array: numpy shares its memory
        self.moves = np.frombuffer(moves, dtype=np.dtype(moves.typecode))
        self.rows = np.asarray(identifier._rowbase, dtype=np.intp)
        self.features = np.asarray(identifier.tk_output, dtype=np.intp)
        self.table = identifier.nb_ptc
        # Converted weights: rows are filled when a feature first occurs; untouched pages take no memory.
        self.weights = np.empty(self.table.shape, dtype=np.float32)
        self.ready = np.zeros(self.table.shape[0], dtype=bool)

    def visits(self, data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return the features found in `data` (UTF-8) and their counts, in order of first occurrence."""
        n = len(data)
        padded = np.frombuffer(bytes(SYNC_BYTES - 1) + data, dtype=np.uint8)  # byte 0 leaves the start state
        state = np.zeros(n, dtype=np.intp)
        for k in range(SYNC_BYTES):
            state = self.moves[self.rows[state] + padded[k : k + n]]
        found = self.features[state]
        found = found[found >= 0]
        if not found.size:
            return None
        ids, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return ids[order], counts[order].astype(np.float32)

    def raw_score(self, data: bytes) -> np.ndarray:
        """Return py3langid's `_raw_score(data)`."""
        found = self.visits(data)
        if found is None:
            return super(type(self.identifier), self.identifier)._raw_score(b"")  # its answer for no features
        ids, counts = found
        new = ids[~self.ready[ids]]
        if new.size:
            self.weights[new] = self.table[new]
            self.ready[new] = True
        return np.log1p(counts) @ self.weights[ids] + self.identifier.nb_pc


@lru_cache(maxsize=1)
def _identifiers() -> tuple[object, object]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    class Identifier(LanguageIdentifier):
        """py3langid's identifier, scoring with `_Scorer` while its weights are the full model's."""

        __slots__ = ("scorer",)

        def _raw_score(self, text: bytes) -> np.ndarray:
            if self.nb_ptc is self.scorer.table:
                return self.scorer.raw_score(text)
            return super()._raw_score(text)  # restricted by set_languages: few weights, py3langid's own way

    full = Identifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.scorer = _Scorer(full)
    ours = copy.copy(full)  # set_languages rebinds its arrays: a shallow copy spares a second model load
    ours.set_languages(list(available_languages()))
    return full, ours


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in.

    Any of the 97 languages py3langid knows may come out, but one
    accords has no lexicons for must be detected with confidence; else
    the text is classified among the languages that have lexicons, since
    a few words do not tell Galician from Spanish.
    Text without letters gives "und" (undetermined).
    """
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    full, ours = _identifiers()
    code, prob = full.classify(sample)
    if code in available_languages() or prob >= CONFIDENT:
        return code
    return ours.classify(sample)[0]


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
