"""Language detection and the language option."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.errors import ArgumentError
from analysis.language import SYNC_BYTES, _identifiers, _scorer, detect_language
from tests.conftest import DEVSET, EN_TEXT, ES_TEXT, SEED


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ES_TEXT, "es"),
        (EN_TEXT, "en"),
        ("Acordaron cooperar.", "es"),
        ("They agreed to cooperate.", "en"),
        (
            "Les deux pays ont signé un accord de coopération économique et culturelle à Paris, "
            "et les présidents se sont engagés à renforcer leurs échanges commerciaux dans les années à venir.",
            "fr",
        ),
        ("12345 --- !!!", "und"),
    ],
)
def test_detect(text, code):
    assert detect_language(text) == code


def test_forced_language_and_bad_value(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        "Deutschland und Frankreich haben ein Abkommen unterzeichnet. Russland war nicht beteiligt.", encoding="utf-8"
    )
    tables = analysis.extract(path, progress=False)
    assert tables.documents["language"].iloc[0] == "de"
    assert {"DEU", "FRA", "RUS"} <= set(tables.mentions["actor_id"])  # CLDR names in German
    forced = analysis.extract(path, language="en", progress=False)
    assert forced.documents["language"].iloc[0] == "en"
    with pytest.raises(ArgumentError, match="`language` value = 'spanish!' is invalid"):
        analysis.extract(path, language="spanish!", progress=False)


def _automaton() -> tuple[np.ndarray, np.ndarray]:
    scorer = _scorer()
    return scorer.moves.astype(np.int64), scorer.rows.astype(np.int64)


def test_every_state_forgets_its_start_after_sync_bytes():
    """The vectorized walk is exact: after SYNC_BYTES bytes, any start state and the initial one agree.

    Follows every pair (state from any start, state from the initial one) over every byte string,
    keeping the pairs that still differ; none may be left after SYNC_BYTES steps, and some must be
    left one step before (else the constant is larger than needed).
    """
    moves, rows = _automaton()
    n = len(rows)
    other, initial = np.arange(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    left = []
    for _ in range(SYNC_BYTES):
        byte = np.arange(256, dtype=np.int64)
        a = moves[(rows[other][:, None] + byte).ravel()]
        b = moves[(rows[initial][:, None] + byte).ravel()]
        keys = np.unique(a[a != b] * n + b[a != b])
        other, initial = keys // n, keys % n
        left.append(len(keys))
    assert left[-1] == 0 and left[-2] > 0
    assert moves[rows[0] + 0] == 0  # byte 0 keeps the initial state: the walk pads with it


def _reference(text: str) -> np.ndarray:
    """py3langid's own scores, computed by its byte-by-byte walk."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    plain = _reference.identifier = getattr(_reference, "identifier", None) or LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True
    )
    return plain._decide(text)


REAL = [ES_TEXT, EN_TEXT, SEED.read_text(encoding="utf-8")]
REAL += [p.read_text(encoding="utf-8") for p in sorted(DEVSET.glob("*.txt"))]


@pytest.mark.parametrize("text", [*REAL, "", "a", "🙂 ¿Qué?", "Ελληνικά και русский 中文", "x" * 5000])
def test_scores_are_py3langids_bit_for_bit(text):
    from analysis.language import SAMPLE_CHARS

    full = _identifiers()[0]
    sample = text[:SAMPLE_CHARS]
    assert _reference(sample).tobytes() == _scorer().probabilities([full._encode(sample)])[0].tobytes()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_scores_match_on_any_text(text):
    full = _identifiers()[0]
    assert _reference(text).tobytes() == _scorer().probabilities([full._encode(text)])[0].tobytes()


def _reference_language(text: str) -> str:
    """`detect_language` by py3langid's own code: classify, and below CONFIDENT among our languages."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from analysis.language import CONFIDENT, SAMPLE_CHARS
    from analysis.lexicon import available_languages

    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    _reference("")
    code, prob = _reference.identifier.classify(sample)
    if code in available_languages() or prob >= CONFIDENT:
        return code
    ours = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ours.set_languages(list(available_languages()))
    return ours.classify(sample)[0]


GALICIAN = "O goberno galego asinou onte un acordo coa Xunta para mellorar as estradas."


def test_a_batch_gets_the_languages_py3langid_gives():
    from analysis.language import detect_languages

    texts = [*REAL, "", "12 34", "SOLO MAYÚSCULAS AQUÍ", "Ελληνικά και русский 中文", "x" * 5000, GALICIAN]
    texts += ["Bo día", "a"]  # "Bo día": Galician, unsure, so among our languages
    expected = [_reference_language(t) for t in texts]
    assert detect_languages(texts) == expected == [detect_language(t) for t in texts]
    assert detect_languages([]) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300), min_size=1, max_size=8))
def test_a_batchs_probabilities_are_py3langids_bit_for_bit(texts):
    full = _identifiers()[0]
    rows = _scorer().probabilities([full._encode(t) for t in texts])
    for text, row in zip(texts, rows, strict=True):
        assert row.tobytes() == _reference(text).tobytes()


def test_the_real_texts_probabilities_are_py3langids_bit_for_bit():
    from analysis.language import SAMPLE_CHARS

    full = _identifiers()[0]
    samples = [t[:SAMPLE_CHARS] for t in ["", *REAL, "", *(t.upper() for t in REAL), ""]]  # "": no features
    rows = _scorer().probabilities([full._encode(t) for t in samples])
    assert _scorer().probabilities([b"", b""]).tobytes() == np.stack([_reference("")] * 2).tobytes()
    assert all(row.tobytes() == _reference(t).tobytes() for t, row in zip(samples, rows, strict=True))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=8))
def test_a_batch_of_any_texts_counts_the_features_py3langid_counts(texts):
    from py3langid.langid import visit_counts

    full = _identifiers()[0]
    samples = [full._encode(t) for t in texts]
    for sample, found in zip(samples, _scorer().batch_visits(samples) if samples else [], strict=True):
        counts = visit_counts(full.tk_nextmove, full._rowbase, full.tk_output, sample) or {}
        assert (found is None) == (not counts)
        if found is not None:
            assert found[0].tolist() == list(counts) and found[1].tolist() == list(counts.values())
