"""Which tokens can be part of a person's name: the shared judgement of the name recognizers.

Three kinds of token:

- ``never``: function words, cue words, clinic shorthand, weekdays and months ("fri", "oct"),
  medical terms and drug names (phi.yaml ``names.vocabulary`` plus the allow-list terms);
- ``word``: an ordinary English word in lower case ("reporting", "virtual", "grace") — in the
  dictionary of the spaCy model's lemmatizer. Such a word is part of a name only with support:
  a neighbouring unmistakable name token, or a cue before it and a name-like word after it;
- ``name``: anything else that looks like a word (capitalised, or not in the dictionary).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from spacy.lang.en.stop_words import STOP_WORDS

Kind = Literal["never", "word", "name"]
_WORD_SHAPE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Parts of speech an ordinary word may carry and still be read as a name ("pt grace kim").
_NAME_POS = frozenset({"PROPN", "NOUN", "X"})


@dataclass(frozen=True)
class NameWords:
    """The vocabulary that tells names from ordinary words (built once, with the spaCy model)."""

    never: frozenset[str]
    dictionary: frozenset[str]
    ambiguous: frozenset[str]
    enders: re.Pattern[str]

    @classmethod
    def from_config(cls, section: dict[str, Any], dictionary: Iterable[str],
                    extra_never: Iterable[str] = ()) -> NameWords:
        """``section`` is phi.yaml ``names``; ``dictionary`` the lower-case English words."""
        never = {w.lower() for w in [*section["not_names"], *section["vocabulary"], *extra_never]}
        never |= set(STOP_WORDS)
        return cls(frozenset(never), frozenset(w.lower() for w in dictionary),
                   frozenset(w.lower() for w in section["ambiguous_names"]),
                   re.compile(rf"(?:{section['name_enders']})", re.IGNORECASE))

    def kind(self, token) -> Kind:
        """Classify one spaCy token (its text, lemma and part of speech)."""
        text = token.text
        lower = text.lower()
        if not _WORD_SHAPE.fullmatch(text):
            return "never"
        if lower in self.ambiguous:
            return "word"
        if lower in self.never:
            return "never"
        if text[0].isupper() and not text.isupper():
            return "name"
        if lower in self.dictionary or token.lemma_.lower() in self.dictionary:
            return "word" if token.pos_ in _NAME_POS else "never"
        return "name"

    def continues(self, doc, index: int, first: bool) -> bool:
        """True when token ``index`` can extend a candidate name run (an ending word such as
        "asks" or "member" can only start one: "patient will ortiz")."""
        token = doc[index]
        return self.kind(token) != "never" and (first or not self.enders.fullmatch(token.text))

    def ends_name(self, doc, index: int) -> bool:
        """True when the text from token ``index`` on reads like what follows a name.

        End of text, punctuation, a digit, a possessive, or a word such as "asks", "dob", "cb".
        """
        if index >= len(doc):
            return True
        token = doc[index]
        if token.is_punct or token.like_num or token.text in {"'s", "’s"}:
            return True
        return bool(self.enders.fullmatch(token.text))

    def supported(self, doc, indexes: list[int], after_cue: bool) -> list[int]:
        """The tokens of a candidate run (consecutive, none ``never``) that really form a name.

        A run with a ``name`` token keeps it and the ``word`` tokens next to it ("maria lopez");
        a lone lower-case token, or a run of ``word`` tokens only, counts only right after a cue,
        before a name-like ending and with a given-name-like token ("pt grace asks"), or when
        it starts with a given name that is also a word ("pt joy chen").
        """
        kinds = [self.kind(doc[i]) for i in indexes]
        if "name" in kinds:
            first = kinds.index("name")
            last = len(kinds) - 1 - kinds[::-1].index("name")
            first -= first > 0
            last += last + 1 < len(kinds)
            indexes = indexes[first : last + 1]
            if len(indexes) > 1 or doc[indexes[0]].text[0].isupper():
                return indexes
        if not after_cue or not indexes:
            return []
        if self.ends_name(doc, indexes[-1] + 1) and any(self._given_name(doc[i]) for i in indexes):
            return indexes
        if len(indexes) > 1 and doc[indexes[0]].text.lower() in self.ambiguous:
            return indexes  # "pt joy chen about ..."
        return []

    def _given_name(self, token) -> bool:
        """A token read as a name on its own: not a dictionary word, a known name that is also
        a word ("grace"), or what spaCy tags a proper noun."""
        return (token.text.lower() in self.ambiguous or token.pos_ == "PROPN"
                or self.kind(token) == "name")
