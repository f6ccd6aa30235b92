"""Detect the language of a document.

Uses py3langid (BSD licence, model shipped in the wheel, no download): a
fast n-gram classifier over 97 languages that returns ISO 639-1 codes.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.errors import invalid

# Enough text to decide; classifying a whole transcript adds time, not accuracy.
SAMPLE_CHARS = 3000
# Below this many letters a short text is only told apart among the languages we have lexicons for.
SHORT_TEXT = 200


@lru_cache(maxsize=1)
def _identifiers() -> tuple[object, object]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ours = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    from analysis.lexicon import available_languages

    ours.set_languages(list(available_languages()))
    return full, ours


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in.

    Short texts (under 200 letters) are classified among the languages
    accords has lexicons for, since a few words do not tell Galician
    from Spanish; longer ones among all 97 languages py3langid knows.
    Text without letters gives "und" (undetermined).
    """
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return "und"
    full, ours = _identifiers()
    if letters < SHORT_TEXT:
        return ours.classify(sample)[0]
    code, prob = full.classify(sample)
    if prob < 0.9:
        return ours.classify(sample)[0]
    return code


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
