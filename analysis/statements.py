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

_INTRO = re.compile(r"[\s,:]*(?:(?:que|como|that|as)\b[\s,:]*)?", re.IGNORECASE)
# How far after a speech verb a quotation may open and still be what was said.
QUOTE_WINDOW = 40
_SPEAKER_PRIORITY = {"person": 0, "organization": 1, "country": 2, "place": 3, "group": 4}


def _speaker(run: list[Mention]) -> Mention:
    return sorted(run, key=lambda m: _SPEAKER_PRIORITY.get(m.actor_type, 9))[0]


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


def _quote_before(sent: Sentence, verb_start: int) -> tuple[int, int] | None:
    text = sent.text
    before = text[sent.start : verb_start].rstrip(" ,")
    for open_q, close_q in sent.grammar.quote_pairs:
        if before.endswith(close_q):
            j = sent.start + len(before) - 1
            i = text.rfind(open_q, sent.start, j)
            if i >= 0 and j > i + 1:
                return i + 1, j
    return None


def find_statements(sent: Sentence, previous: Mention | None) -> tuple[list[dict[str, object]], Mention | None]:
    """Return the statements of one sentence as table rows (see `analysis.tables.STATEMENTS`).

    Args:
        sent: the sentence.
        previous: the speaker of the document's last statement, who
            speaks again when a speech verb has no subject.

    Returns:
        `(rows, speaker)`: the rows, and the last speaker (for the next sentence).
    """
    text, grammar = sent.text, sent.grammar
    rows: list[dict[str, object]] = []
    for v in grammar.speech_verbs.finditer(text, sent.start, sent.end):
        quote = _quote_before(sent, v.start())
        speaker: Mention | None = None
        if quote:
            after = [m for m in sent.mentions if v.end() <= m.start <= v.end() + 40]
            speaker = _speaker(after) if after else None
            if speaker is None:
                continue
            c_start, c_end = quote
        else:
            clause_start = sent.start
            for b_start, b_end in sent.boundaries:
                if b_end <= v.start() and (b_start, b_end) != (v.start(), v.end()):
                    clause_start = max(clause_start, b_end)
            run = find_subject(sent, clause_start, v.start())
            if run:
                speaker = _speaker(run)
            elif previous is not None and all(
                w in grammar.speech_carryover_words for w in words_between(text, clause_start, v.start())
            ):
                speaker = previous
            else:
                continue
            intro = _INTRO.match(text, v.end(), sent.end)
            pos = intro.end() if intro else v.end()
            quote = _quote_after(sent, v.end(), sent.end)
            if quote:
                c_start, c_end = quote
            else:
                c_start, c_end = trim(text, pos, sent.end)
        c_start, c_end = trim(text, c_start, c_end)
        if len(text[c_start:c_end].split()) < 2:
            continue
        parties = ";".join(sent.parties)
        is_group = speaker.actor_type == "group"
        rows.append(
            {
                "sentence_id": sent.sentence_id,
                "speaker": parties if is_group else speaker.actor_id,
                "speaker_country": parties if is_group else speaker.country,
                "verb": v.group().strip(),
                "content": text[c_start:c_end],
                "start": c_start,
                "end": c_end,
                "speaker_text": speaker.text,
            }
        )
        previous = speaker
    return rows, previous
