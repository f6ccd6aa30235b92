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
from analysis.textutil import fold

_INTRO = re.compile(r"[\s,:]*(?:(?:que|como|that|as)\b[\s,:]*)?", re.IGNORECASE)
# How far after a speech verb a quotation may open and still be what was said.
QUOTE_WINDOW = 40
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
    text = sent.text
    for open_q, close_q in sent.grammar.quote_pairs:
        i = text.find(open_q, pos, min(limit, pos + QUOTE_WINDOW))
        if i < 0:
            continue
        j = text.find(close_q, i + 1, sent.end)
        if j > i + 1:
            return i + 1, j
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
    head = text[sent.start : before_end].rstrip()
    # Titles and articles may stand between the comma and the speaker (", the Mexican foreign minister said").
    while (last := re.search(r"(\w+)\s*$", head)) and last.group(1).lower() in sent.grammar.subject_joiners:
        head = head[: last.start()].rstrip()
    if not (
        head.endswith(",") or any(head.endswith(q + ",") or head.endswith("," + q) for _, q in sent.grammar.quote_pairs)
    ):
        return None
    span = _strip_quotes(sent, sent.start, sent.start + len(head))
    words = [w for w in words_between(text, *span) if w.isalpha()]
    if len(words) < MIN_CONTENT_WORDS or all(w in sent.grammar.speech_carryover_words for w in words):
        return None  # "Por su parte, Tokaev resaltó…": an opening, not something said
    return span


def find_statements(sent: Sentence, previous: Mention | None) -> tuple[list[dict[str, object]], Mention | None]:
    """Return the statements of one sentence as table rows (see `analysis.tables.STATEMENTS`).

    Three shapes are read: the speaker before the verb and what was said
    after it ("Tokaev resaltó el carácter…"); what was said first and the
    attribution after it ("«…», dijo Putin", "…,” Sitharaman said"); and a
    verb with no subject, whose speaker is the one of the statement just
    before ("Asimismo, destacó que…").

    Args:
        sent: the sentence.
        previous: the speaker of the document's last statement.

    Returns:
        `(rows, speaker)`: the rows, and the last speaker (for the next sentence).
    """
    text, grammar = sent.text, sent.grammar
    rows: list[dict[str, object]] = []
    for v in grammar.speech_verbs.finditer(text, sent.start, sent.end):
        if v.group()[:1].isupper() and v.start() != sent.start:
            continue  # "United States", not "states"
        clause_start = sent.start
        for b_start, b_end in sent.boundaries:
            if b_end <= v.start() and (b_start, b_end) != (v.start(), v.end()):
                clause_start = max(clause_start, b_end)
        speaker: Mention | None = None
        content: tuple[int, int] | None = None
        after = [m for m in sent.mentions if v.end() <= m.start <= v.end() + 40 and m.actor_type in _SPEAKER_PRIORITY]
        after = [m for m in after if all(w in grammar.subject_joiners for w in words_between(text, v.end(), m.start))]
        run = find_subject(sent, clause_start, v.start())
        said_before_verb = _postposed_content(sent, v.start())
        said_before_run = _postposed_content(sent, run[0].start) if run else None
        tail = words_between(text, v.end(), sent.end)
        if said_before_verb and after:  # "…, dijo Peña Nieto"
            speaker, content = _speaker(sent, after), said_before_verb
        elif said_before_run and run:  # "…,” Sitharaman said"
            speaker, content = _speaker(sent, run), said_before_run
        elif said_before_verb and previous is not None and len([w for w in tail if w.isalpha()]) <= 1:  # "…, apuntó."
            speaker, content = previous, said_before_verb
        else:
            if run:
                speaker = _speaker(sent, run)
            elif previous is not None and all(
                w in grammar.speech_carryover_words for w in words_between(text, clause_start, v.start())
            ):
                speaker = previous
            else:
                continue
            intro = _INTRO.match(text, v.end(), sent.end)
            pos = intro.end() if intro else v.end()
            content = _quote_after(sent, v.end(), sent.end) or trim(text, pos, sent.end)
        c_start, c_end = trim(text, *content)
        if len(text[c_start:c_end].split()) < 2:
            continue
        parties = ";".join(sent.parties)
        # "Bachelet y Correa manifestaron…": each of them said it.
        people = list({m.actor_id: m for m in (run or []) if m.actor_type == "person"}.values())
        speakers = people if len(people) > 1 and speaker in people else [speaker]
        for who in speakers:
            is_group = who.actor_type == "group"
            rows.append(
                {
                    "sentence_id": sent.sentence_id,
                    "speaker": (who.actor_id or parties) if is_group else who.actor_id,
                    "speaker_country": (who.actor_id or parties) if is_group else who.country,
                    "verb": v.group().strip(),
                    "content": text[c_start:c_end],
                    "start": c_start,
                    "end": c_end,
                    "speaker_text": who.text,
                }
            )
        previous = speaker
    return rows, previous
