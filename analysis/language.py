"""Detect the language of a document.

Uses py3langid (BSD licence, model shipped in the wheel, no download): a
fast n-gram classifier over 97 languages that returns ISO 639-1 codes.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from analysis.errors import invalid
from analysis.lexicon import available_languages

# Enough text to decide; classifying a whole transcript adds time, not accuracy.
SAMPLE_CHARS = 3000
# Below this probability a language without lexicons loses to the closest one that has them
# (a few words do not tell Galician from Spanish).
CONFIDENT = 0.95


@lru_cache(maxsize=1)
def _identifiers() -> tuple[object, object]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
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
