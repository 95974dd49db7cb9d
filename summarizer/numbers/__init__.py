"""Rule-based number extraction (no LLM): every numeric mention with its qualifier and role.

The extractor checks the figures an LLM proposes, so it prefers explicit rules a reviewer can
read over cleverness. Four passes run over the article body (the dateline is skipped):

1. *lexing* (:mod:`~summarizer.numbers.lexing`): one regex pass finds where numbers may
   start (digits, number words) and the cue words that give event roles ("killed", "shot
   down"); :mod:`summarizer.text.sentences` finds the sentences;
2. *reading* (:mod:`~summarizer.numbers.reading`, then :mod:`~summarizer.numbers.measures`):
   at each start, anchored regexes read the whole number (scale words, ranges, units,
   percent signs) and the few words before it give the currency, the qualifier and the
   non-numbers to drop: designations ("F-16", "Xbox 360"), the pronoun "one" ("no one");
   roles that follow from the form are fixed here: money, percentage, time, date_or_year,
   distance, duration, ordinal;
3. *linking* (:mod:`~summarizer.numbers.linking`): the counted noun, partitives ("21 of 49
   drones"), conversions in brackets;
4. *roles* (:mod:`~summarizer.numbers.roles`): population phrases ("a city of 340,000
   people"), "including N" / "N of them" (shares the role of the number it details), a
   toll's new figure ("the toll was revised to 38"), then the nearest cue in the sentence,
   preferring verbs that govern the number ("shot down 21") over participles that only
   describe a noun ("rockets fired at"); last, the counted noun limits the role (places and
   objects are no casualties, buildings are damaged).

Ages ("a 12-year-old", "aged 45") are counts of years (other_count, noun "years old"), not
durations; areas and speeds ("31,400 hectares", "winds of 120 km/h") are no lengths
(other_count, the unit as the noun; an area a verb of damage governs is damaged). A toll of zero said with a negation ("no one was hurt", "no deaths") is a mention
of 0 whose text is the negating phrase, marked ``negated`` (:mod:`~summarizer.numbers.zeros`).

Qualifiers come from phrases on either side: "at least 5", "5 or more", "about 5", "up to 5".
Vague plurals are lower bounds ("hundreds" = at least 200), as in ``seeds/README.md``.
Weekdays are left to :mod:`summarizer.text.dates`.

:mod:`~summarizer.numbers.extractor` runs the passes; the word tables are in
:mod:`~summarizer.numbers.lexicon`, the regexes in :mod:`~summarizer.numbers.patterns`, the
number words in :mod:`~summarizer.numbers.words`, the output record in
:mod:`~summarizer.numbers.mention`. This package exports the API.
"""

from __future__ import annotations

from summarizer.numbers.extractor import extract_numbers, sentence_spans
from summarizer.numbers.mention import AGE_NOUN, NumberMention
from summarizer.numbers.role_phrases import hospital_after, noun_head
from summarizer.numbers.roles import role_cue_near

__all__ = [
    "AGE_NOUN",
    "NumberMention",
    "extract_numbers",
    "hospital_after",
    "noun_head",
    "role_cue_near",
    "sentence_spans",
]
