"""Find reported statements: who said what ("Putin lo describió como «…»", "Tokaev resaltó …").

A speech verb from the grammar (`speech_verbs`) with an actor as its
subject — or, when the clause has no subject at all ("Asimismo,
destacó que…"), the speaker of the statement just before — opens a
statement. Its content is the quotation that follows the verb, else the
reported clause up to the end of the sentence. A quotation before the
verb with the speaker after it ("«…», dijo Putin") is read too.
"""

from __future__ import annotations

import re

from analysis.actors import Mention
from analysis.clauses import Sentence, find_subject, trim, words_between
from analysis.textutil import fold, prefilter

_WORDS = re.compile(r"\w+")
# Most words that may follow a postposed attribution's verb ("said on Monday in Tokyo").
TAIL_WORDS = 6
_OPENING = re.compile(r"[\s,:]*")
_FIRST_WORD = re.compile(r"(\w+)\b")
_LAST_WORD = re.compile(r"(\w+)\W*$")
_TWO_WORDS = re.compile(r"[^\W\d_]+\W+[^\W\d_]")
# How far after a speech verb a quotation may open and still be what was said.
QUOTE_WINDOW = 40
# How many words may separate a speaker from the verb after it in a postposed attribution ("…,” Sitharaman said").
MAX_ATTRIBUTION_GAP = 5
# How many characters may separate a speech verb from the speaker named after it.
AFTER_WINDOW = 40
# Fewest words that make something said before an attribution.
MIN_CONTENT_WORDS = 3
_SPEAKER_PRIORITY = {"person": 0, "organization": 1, "country": 2, "place": 3, "group": 4}


def _speaker(sent: Sentence, run: list[Mention]) -> Mention:
    """Pick the speaker of a subject run: a person first.

    "el presidente chileno" or "the Chilean president" is the one Chilean
    person the text names; "the Mexican foreign minister" stays Mexico.
    """
    best = sorted(run, key=lambda m: _SPEAKER_PRIORITY.get(m.actor_type, 9))[0]
    if best.kind == "demonym" and best.country in sent.people:
        around = fold(sent.text[max(sent.start, best.start - 25) : min(sent.end, best.end + 15)])
        if any(re.search(rf"\b{re.escape(fold(t))}\b", around) for t in sent.grammar.leader_titles):
            return sent.people[best.country]
    return best


def _quote_after(sent: Sentence, pos: int, limit: int) -> tuple[int, int] | None:
    """Return the inside of the quotation opening first within `QUOTE_WINDOW` after `pos`, to its matching close."""
    text = sent.text
    window_end = min(limit, pos + QUOTE_WINDOW)
    opened = [(i, o, c) for o, c in sent.grammar.quote_pairs if (i := text.find(o, pos, window_end)) >= 0]
    if not opened:
        return None
    i, open_q, close_q = min(opened)
    depth, j = 0, i + len(open_q)
    while j < sent.end:  # nested quotes of the same kind («…«…»…») are skipped over
        if text.startswith(close_q, j) and depth == 0:
            return (i + len(open_q), j) if j > i + len(open_q) else None
        if open_q != close_q and text.startswith(open_q, j):
            depth += 1
        elif open_q != close_q and text.startswith(close_q, j):
            depth -= 1
        j += 1
    return None


def _strip_quotes(sent: Sentence, start: int, end: int) -> tuple[int, int]:
    """Drop one pair of quotes wrapping the whole span (and the punctuation left inside it)."""
    start, end = trim(sent.text, start, end)
    for open_q, close_q in sent.grammar.quote_pairs:
        if sent.text.startswith(open_q, start) and sent.text.endswith(close_q, start, end):
            return trim(sent.text, start + len(open_q), end - len(close_q))
    return start, end


def _postposed_content(sent: Sentence, before_end: int) -> tuple[int, int] | None:
    """Return the span said before a postposed attribution ("…, dijo Putin"), ending at the comma before it."""
    text = sent.text
    end = before_end
    # Titles and articles may stand between the comma and the speaker (", the Mexican foreign minister said").
    while (last := _LAST_WORD.search(text, max(sent.start, end - 40), end)) and last.group(1).lower() in (
        sent.grammar.subject_joiners
    ):
        end = last.start()
    head = text[max(sent.start, end - 40) : end].rstrip()
    if not (
        head.endswith(",") or any(head.endswith(q + ",") or head.endswith("," + q) for _, q in sent.grammar.quote_pairs)
    ):
        return None
    while end > sent.start and text[end - 1].isspace():
        end -= 1
    span = _strip_quotes(sent, sent.start, end)
    words = [w for w in words_between(text, span[0], min(span[1], span[0] + 200)) if w.isalpha()]
    if len(words) < MIN_CONTENT_WORDS or all(w in sent.grammar.speech_carryover_words for w in words):
        return None  # "Por su parte, Tokaev resaltó…": an opening, not something said
    return span


def _after_run(sent: Sentence, pos: int) -> list[Mention]:
    """Return the speakers named right after `pos` ("dijo el presidente Peña Nieto", "said A, B and C")."""
    run: list[Mention] = []
    last = pos
    for m in sent.iter_mentions(pos, sent.end):
        if m.actor_type not in _SPEAKER_PRIORITY:
            continue
        if m.start - last > AFTER_WINDOW or not all(
            w in sent.grammar.subject_joiners for w in words_between(sent.text, last, m.start)
        ):
            break
        run.append(m)
        last = m.end
    return run


def _skip_intro(sent: Sentence, pos: int) -> int:
    """Return where what was said starts after a speech verb: past punctuation and "que"/"that"."""
    m = _OPENING.match(sent.text, pos, sent.end)
    pos = m.end() if m else pos
    word = _FIRST_WORD.match(sent.text, pos, sent.end)
    if word and word.group(1).lower() in sent.grammar.speech_intro:
        m = _OPENING.match(sent.text, word.end(), sent.end)
        return m.end() if m else word.end()
    return pos


def _little_after(sent: Sentence, pos: int) -> bool:
    """Tell whether at most a few words follow `pos` in the sentence (an attribution closes it)."""
    tail = sent.text[pos : min(sent.end, pos + 80)]
    return pos + len(tail) >= sent.end and len(_WORDS.findall(tail)) <= TAIL_WORDS


def _row(sent: Sentence, who: Mention, verb: str, start: int, end: int) -> dict[str, object]:
    parties = ";".join(sent.parties)
    is_group = who.actor_type == "group"
    return {
        "sentence_id": sent.sentence_id,
        "speaker": (who.actor_id or parties) if is_group else who.actor_id,
        "speaker_country": (who.actor_id or parties) if is_group else who.country,
        "verb": verb,
        "content": sent.text[start:end],
        "start": start,
        "end": end,
        "speaker_text": who.text,
    }


def _each_speaker(sent: Sentence, run: list[Mention], speaker: Mention) -> list[Mention]:
    """Return who said it: every person of a coordinated run ("Bachelet y Correa manifestaron…"), else `speaker`."""
    people = list({m.actor_id: m for m in run if m.actor_type == "person"}.values())
    return people if len(people) > 1 and speaker in people else [speaker]


def find_statements(sent: Sentence, previous: Mention | None) -> tuple[list[dict[str, object]], Mention | None]:
    """Return the statements of one sentence as table rows (see `analysis.tables.STATEMENTS`).

    Four shapes are read: the speaker before the verb and what was said
    after it ("Tokaev resaltó el carácter…"); what was said first and the
    attribution after it ("«…», dijo Putin", "…,” Sitharaman said"); a
    verb with no subject, whose speaker is the one of the statement just
    before ("Asimismo, destacó que…"); and "según X, …" / "according to X, …".
    Several people named together each get a row.

    Args:
        sent: the sentence.
        previous: the speaker of the document's last statement.

    Returns:
        `(rows, speaker)`: the rows, and the last speaker (for the next sentence).
    """
    text, grammar = sent.text, sent.grammar
    rows: list[dict[str, object]] = []
    verbs = sent.verbs
    quotations: list[tuple[int, int]] = []  # what was quoted: a speech verb inside is the quoted speaker's word
    for k, v in enumerate(verbs):
        if any(q_start <= v.start() < q_end for q_start, q_end in quotations):
            continue
        # What is reported runs at most to the next speech verb ("X dijo que A y Y dijo que B").
        stop = verbs[k + 1].start() if k + 1 < len(verbs) else sent.end
        clause_start = sent.clause_start(v.start())
        after = _after_run(sent, v.end())
        run = find_subject(sent, clause_start, v.start(), partners=False)
        said_before_verb = _postposed_content(sent, v.start())
        gap = [w for w in words_between(text, run[-1].end, v.start()) if w.isalpha()] if run else []
        near = run and len(gap) <= MAX_ATTRIBUTION_GAP
        said_before_run = _postposed_content(sent, run[0].start) if near else None
        ends_here = not _TWO_WORDS.search(text, v.end(), min(sent.end, v.end() + 80))
        if said_before_verb and after:  # "…, dijo Peña Nieto"
            speaker, content, run = _speaker(sent, after), said_before_verb, after
        elif said_before_run and run and _little_after(sent, v.end()):  # "…,” Sitharaman said (on Monday)."
            speaker, content = _speaker(sent, run), said_before_run
        elif said_before_verb and previous is not None and ends_here:  # "…, apuntó."
            speaker, content, run = previous, said_before_verb, []
        else:
            if run:
                speaker = _speaker(sent, run)
            elif previous is not None and all(
                w in grammar.speech_carryover_words for w in words_between(text, clause_start, v.start())
            ):
                speaker = previous
            else:
                continue
            pos = _skip_intro(sent, v.end())
            quoted = _quote_after(sent, v.end(), sent.end)
            if quoted:
                quotations.append(quoted)
            content = quoted or trim(text, pos, stop)
        c_start, c_end = trim(text, *content)
        if len(text[c_start : min(c_end, c_start + 100)].split()) < 2:
            continue
        rows.extend(_row(sent, who, v.group().strip(), c_start, c_end) for who in _each_speaker(sent, run, speaker))
        previous = speaker
    markers = grammar.attribution_markers
    maybe = prefilter(markers).may_match(text, sent.start, sent.end)
    for a in markers.finditer(text, sent.start, sent.end) if maybe else ():
        run = _after_run(sent, a.end())
        if not run or any(r["start"] <= a.start() < r["end"] for r in rows):
            continue
        speaker = _speaker(sent, run)
        after_run = re.match(r"\s*,?", text[run[-1].end : sent.end])
        c_start, c_end = trim(text, run[-1].end + (after_run.end() if after_run else 0), sent.clause_end(run[-1].end))
        if len(text[c_start : min(c_end, c_start + 100)].split()) < MIN_CONTENT_WORDS:  # "…, según Maduro."
            c_start, c_end = _strip_quotes(sent, sent.clause_start(a.start()), a.start())
        if len(text[c_start : min(c_end, c_start + 100)].split()) < MIN_CONTENT_WORDS:
            continue
        rows.extend(_row(sent, who, a.group().strip(), c_start, c_end) for who in _each_speaker(sent, run, speaker))
        previous = speaker
    return rows, previous
