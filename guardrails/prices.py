"""The price catalog: which dollar amounts the CURRENT documents give for which services.

Extraction is layout-general: Markdown/PDF tables (a service column or a service header row,
amounts anywhere in the row or column) and prose ("Semen analysis — $200", "our $99 virtual
consultation"). Sentences about discontinued or prohibited offers are skipped (``skip_cues``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from text_to_num import alpha2digit

from guardrails.markdown import walk
from guardrails.policy import Policy, PriceConfig
from guardrails.price_facts import FactBook, PriceFact, stem
from guardrails.price_terms import PriceTerms
from guardrails.text import UNSPACED_SCRIPTS, sentence_spans

# A dollar amount: "$1,400", "$99.50", or the number before its currency's word or sign, as
# other languages write it ("3.800 dólares", "3,800美元", "350달러", "14 900 $"; ".", "," or,
# after the number only, a space between thousands; two decimals after "." or ",").
CURRENCY_WORDS = (r"美元|美金|달러|ドル|dólares|dolar\w*|(?:us[-\s]?)?dollars?|bucks|dolyar\w*|"
                  r"đô(?:\s?la)?|usd|доллар\w*|دولار\w*|डॉलर")
CURRENCY_AFTER = rf"(?:{CURRENCY_WORDS}|\$)"
# (a particle may follow in the languages written without spaces: "250달러입니다", "3800美元的")
_WORD_END = rf"(?!(?![{UNSPACED_SCRIPTS}])\w)"
AMOUNT = re.compile(
    # (the sign, or the currency code before the number: "USD 12,500")
    r"(?P<sign>(?:\$|(?<![A-Za-z])USD(?![A-Za-z]))\s?)?"
    r"(?<![\d.,])(?P<int>\d{1,3}(?:(?P<sep>[,.])\d{3}(?:(?P=sep)\d{3})*"
    # (after a "$", a space groups thousands only before a space or mark: "$9 500 за цикл",
    # not "$99 100%")
    r"|(?P<space>[ \u00a0\u202f])\d{3}(?:(?P=space)\d{3})*(?(sign)(?![\w%\-–])))|\d+)"
    # thousands written "k" ("$14.9k", "$3k")
    r"(?P<kilo>(?:\.(?P<tenths>\d{1,2}))?[kK](?![a-zA-Z]))?"
    r"(?(kilo)|(?:[.,](?P<cents>\d{2}))?)(?!\d)(?(sign)|(?:\s?" + CURRENCY_AFTER + _WORD_END +
    # (the first number of a range the currency follows: "3 000 à 7 000 $")
    r"|(?=\s?(?:[-–—~]|to|a|à|et|y|e|and|bis|到|至)\s?\d[\d.,\s\u00a0\u202f]{0,10}?\s?"
    + CURRENCY_AFTER + _WORD_END + r")))",
    re.IGNORECASE)
# A word, "$", or a single-digit count ("2 retrievals"; not the "4" of "$4,200" or "9:00").
_WORD = re.compile(r"[a-z][a-z0-9]*|\$|(?<![\d,.:])\d(?![\d,.:]\d|\d)", re.IGNORECASE)
# A service description ends at a conjunction or clause mark ("$600 and a sonogram $390"),
# in the languages whose amounts are read too ("99 $ per Video oder 299 $ vor Ort").
_CLAUSE_END = re.compile(r"\b(?:and|or|but|while|whereas|plus|oder|und|ou|et|hoặc|và)\b"
                         r"|\b[oye]\b(?![-'’.])|[,;:()\[\]/→或和]", re.IGNORECASE)


@dataclass(frozen=True)
class PriceEntry:
    """Amounts (in cents) stated for a service described by ``service`` (stemmed words)."""

    service: frozenset[str]
    amounts: frozenset[int]
    source: str
    # Words of the row's description cells ("45-min visit plus ultrasound"), not its exclusions.
    described: frozenset[str] = frozenset()


def amount_cents(match: re.Match[str]) -> int:
    """``$1,400`` -> 140000; ``3.800 dólares`` -> 380000; ``$14.9k`` -> 1490000."""
    whole = int(re.sub(r"\D", "", match.group("int")))
    if match.group("kilo"):
        tenths = match.group("tenths") or ""
        return (whole * 1000 + int(tenths.ljust(3, "0")) if tenths else whole * 1000) * 100
    return whole * 100 + int(match.group("cents") or 0)


# The languages whose number words are read as digits in a sentence naming a currency (those
# text2num reads).
SPELLED_LANGUAGES = ("en", "es", "fr", "pt", "de", "it")
_CURRENCY_WORD = re.compile(rf"(?<!\w)(?:{CURRENCY_WORDS})", re.IGNORECASE)


# The words joining a range's two ends, in the languages whose amounts are read in words.
_RANGE_WORDS = r"(?:and|to|or|y|e|et|ou|o|und|bis|a|à)"
# A range whose two ends each say their scale ("three thousand and seven thousand"): read as
# two numbers, not one ("3007 1000"), by reading the words on each side of the join apart.
_SCALE_JOIN = re.compile(rf"\b(?P<scale>thousand|hundred|mil|mille|mila|tausend)\b"
                         rf"(?=\s+{_RANGE_WORDS}\s+(?:\w+[\s-]){{0,2}}?(?P=scale)\b)",
                         re.IGNORECASE)
# ... and a range whose ends share the scale the second says ("three and seven thousand
# dollars" -> "3 and 7000"): the first end is in that scale too, when that keeps it the lower.
_SHARED_SCALE = re.compile(rf"(?<![\d.,])(?P<low>[1-9]\d{{0,2}})(?P<join>\s+{_RANGE_WORDS}\s+"
                           rf"|\s?[-–]\s?)(?P<high>[1-9]\d{{2,5}})(?![\d.,])")


def _shared_scale(match: re.Match[str]) -> str:
    low, high = int(match["low"]), int(match["high"])
    scale = 1000 if high >= 1000 else 100
    if high % 100 or low * scale >= high:
        return match[0]
    return f"{low * scale}{match['join']}{high}"


def _in_digits(sentence: str, language: str) -> str:
    cuts = [0, *(m.end() for m in _SCALE_JOIN.finditer(sentence)), len(sentence)]
    digits = "".join(alpha2digit(sentence[a:b], language)
                     for a, b in itertools.pairwise(cuts))
    return _SHARED_SCALE.sub(_shared_scale, digits)


def with_spelled_amounts(sentence: str) -> str | None:
    """``sentence`` with an amount written in words as digits ("thirty-eight hundred dollars"
    -> "3800 dollars"; "three to seven thousand dollars" -> "3000 to 7000 dollars"), or None
    when it has no such amount (or gives its amounts in digits)."""
    if AMOUNT.search(sentence) or not _CURRENCY_WORD.search(sentence):
        return None
    for language in SPELLED_LANGUAGES:
        digits = _in_digits(sentence, language)
        if digits != sentence and AMOUNT.search(digits):
            return digits
    return None


def other_currency_amounts(rule: PriceConfig) -> re.Pattern[str]:
    """Amounts in another currency than the documents' own: its sign before or after the
    number, its word after it ("€99", "99 euros", "5 000 ₽", "2万円"); group "currency" or
    "sign" holds the currency."""
    signs, words = rule.other_currency_signs, rule.other_currency_words
    number = r"\d(?:(?:[.,]|[ \u00a0\u202f])?\d)*"
    return re.compile(rf"(?<![\d.,A-Za-z]){number}(?:\s?[万萬千])?\s?(?P<currency>{signs}|{words})"
                      rf"|(?P<sign>{signs})\s?{number}", re.IGNORECASE)


def currency_of(match: re.Match[str]) -> str:
    """The currency of an ``other_currency_amounts`` match, lower case."""
    return (match.group("currency") or match.group("sign")).lower()


def format_cents(cents: int) -> str:
    """140000 -> "$1,400"; 9950 -> "$99.50"."""
    dollars, rest = divmod(cents, 100)
    return f"${dollars:,}" + (f".{rest:02d}" if rest else "")


def service_tokens(fragment: str, generic: frozenset[str],
                   counts: Sequence[str] = ()) -> frozenset[str]:
    """Stemmed content words of ``fragment``, without generic price words; a digit counts as
    its word in ``counts`` ("2 retrievals" and "two retrievals" name the same package)."""
    words = [counts[int(w) - 1] if w.isdigit() and 0 < int(w) <= len(counts) else w
             for w in _WORD.findall(fragment)]
    tokens = frozenset(stem(w) for w in words
                       if w != "$" and w.lower() not in generic and len(w) > 1)
    # A count alone ("4 x $350") names no service.
    return tokens if tokens - {stem(c) for c in counts} else frozenset()


def mention_tokens(sentence: str, start: int, end: int, rule: PriceConfig) -> frozenset[str]:
    """Service words around the amount at ``sentence[start:end]``, stopping at other amounts."""
    generic = frozenset(rule.generic_words)
    # (amounts read in the whole sentence: a range's first number is one only before its second)
    earlier = [m.end() for m in AMOUNT.finditer(sentence) if m.end() <= start]
    whole = sentence[earlier[-1] if earlier else 0 : start]
    before = _CLAUSE_END.split(whole)[-1]
    after_text = sentence[end:]
    next_amount = AMOUNT.search(after_text)
    after = after_text[: next_amount.start()] if next_amount else after_text
    after = _CLAUSE_END.split(after, maxsplit=1)[0]
    words_before = [w for w in _WORD.findall(before) if w != "$"][-rule.window_words :]
    words_after = [w for w in _WORD.findall(after) if w != "$"][: rule.window_words]
    after_tokens = service_tokens(" ".join(words_after), generic, rule.count_words)
    if words_before and words_before[-1].lower() in rule.attributive_words and after_tokens:
        return after_tokens
    tokens = service_tokens(" ".join(words_before + words_after), generic, rule.count_words)
    breaks = list(_CLAUSE_END.finditer(whole))
    if tokens or not breaks or not breaks[-1].group().isalpha():
        return tokens
    # a clause joined by "and" (or "but", "plus") that names no service shares its subject
    # with the first ("Follow-up visits are 20 minutes and cost $200"): what that one names is
    # what is priced (not after a comma alone: "With five embryos, that's $3,550" sums)
    words = [w for w in _WORD.findall(_CLAUSE_END.split(whole)[0]) if w != "$"]
    return service_tokens(" ".join(words[: rule.window_words]), generic, rule.count_words)


class PriceCatalog:
    """All current prices, by service; ``valid_amounts`` answers "may this service cost X?"."""

    def __init__(self, entries: list[PriceEntry], rule: PriceConfig,
                 facts: Iterable[PriceFact] = (),
                 regular: dict[int, frozenset[int]] | None = None,
                 discounts: Iterable[int | None] = (), currencies: Iterable[str] = (),
                 terms: PriceTerms | None = None):
        self.entries = entries
        self.rule = rule
        self.amounts = frozenset(a for e in entries for a in e.amounts)
        self.regular = regular or {}  # an offer's amount -> the regular prices paired with it
        self.facts = list(facts)  # what prices exclude, and their payment terms
        self.fact_book = FactBook()
        self.discounts = frozenset(discounts)  # the shares off they state (None: no share given)
        self.currencies = frozenset(currencies)  # other currencies they state prices in
        self.terms = terms or PriceTerms(rule.periods)  # periods of amounts, fee rates

    @classmethod
    def from_documents(cls, documents: Iterable[tuple[str, str]], policy: Policy) -> PriceCatalog:
        """Build from ``(source, text)`` pairs of CURRENT documents (the caller filters) under
        the caller's ``policy`` (the one its claims checker holds)."""
        rule = policy.rule(PriceConfig)
        skip = re.compile(rule.skip_cues, re.IGNORECASE)
        generic = frozenset(rule.generic_words)
        entries: list[PriceEntry] = []
        documents = list(documents)
        excluded = FactBook().exclusion
        compared = re.compile(rule.saving_cues, re.IGNORECASE)
        for source, text in documents:
            entries.extend(_table_entries(source, text, (skip, compared), generic,
                                          rule.count_words, excluded))
            entries.extend(_prose_entries(source, text, rule, skip))
        entries = [e for e in entries if e.amounts]
        foreign = other_currency_amounts(rule)
        currencies = {currency_of(m) for _, text in documents for m in foreign.finditer(text)}
        return cls(entries, rule, _priced_facts(FactBook(), documents, entries),
                   _regular_prices(documents, rule), _stated_discounts(documents, rule, skip),
                   currencies, PriceTerms.from_documents(
                       (text for _, text in documents), rule.periods, rule.rate_claims,
                       lambda text: [(amount_cents(m), m.end()) for m in AMOUNT.finditer(text)]))

    def states_discount(self, share: int | None) -> bool:
        """Whether the documents offer this share off (any discount, when ``share`` is None)."""
        return share in self.discounts if share is not None else bool(self.discounts)

    def services_priced(self, cents: Iterable[int]) -> frozenset[str]:
        """The service words of every entry stating one of the amounts ``cents``."""
        wanted = set(cents)
        return frozenset(w for e in self.entries if e.amounts & wanted for w in e.service)

    def named_at(self, cents: int) -> tuple[str, ...]:
        """The service words most of the entries stating ``cents`` share (stemmed; at least two
        entries): what the documents price at that amount ("promotional", "virtual",
        "consult" for $99); none for an amount they state for things that share no word."""
        named = [e.service for e in self.entries if cents in e.amounts]
        if len(named) < 2:
            return ()
        counts = Counter(w for service in named for w in service)
        return tuple(sorted(w for w, n in counts.items() if n > len(named) / 2))

    def contradicted_facts(self, sentence: str, cents: Iterable[int],
                           context: str = "") -> list[str]:
        """Messages for the price facts ``sentence`` contradicts (it quotes amounts ``cents``;
        ``context`` is the sentence an opening pronoun refers to)."""
        if not self.facts or not self.fact_book.makes_claims(sentence):
            return []
        return self.fact_book.contradictions(sentence, self.facts, self.services_priced(cents),
                                             context)

    def costs_nothing(self, sentence: str) -> bool:
        """True when ``sentence`` names something the documents say costs nothing, by its own
        words and in its service ("the card fee on a promotional consultation": "Card fee |
        None." in the promotional consultations' table), so "$0" for it agrees with them."""
        said = self.fact_book.tokens(sentence)
        return any(f.kind in self.fact_book.own_words and f.items - f.service
                   and f.items - f.service <= said and (not f.service or f.service & said)
                   for f in self.facts)

    def describes(self, service: frozenset[str], cents: int) -> bool:
        """True when an entry stating ``cents`` is named by one of the words ``service`` and
        says all of them in its name or description ("$299 in-office visit with an ultrasound"
        is the in-office consultation whose row describes a visit plus an ultrasound)."""
        return any(cents in e.amounts and e.service & service
                   and service <= e.service | e.described for e in self.entries)

    def regular_price(self, sentence: str, at: int, offer: int | None) -> frozenset[int] | None:
        """When the amount at ``sentence[at:]`` is given as a regular price ("normally $350")
        after an ``offer``'s amount ("$99", the nearest earlier one the documents pair a regular
        price with), the regular prices they pair with it; None otherwise."""
        if offer not in self.regular:
            return None
        cues = [c for c in re.finditer(self.rule.regular_cues, sentence[:at], re.IGNORECASE)
                if at - c.end() <= REGULAR_CUE]
        if not cues or AMOUNT.search(sentence, cues[-1].end(), at):
            return None
        return self.regular[offer]

    def valid_amounts(self, service: frozenset[str]) -> frozenset[int] | None:
        """Amounts of the entries sharing the most words with ``service`` and of those it names
        most closely (shared words against both sides' words: "follow-up visits" name the $250
        follow-up, not a fee row on cancelling "regular visits (…, follow-ups, …)"); None if
        none shares a word with it."""
        best, amounts = 0, set()
        closest, named = 0.0, set()
        for entry in self.entries:
            shared = len(service & entry.service)
            if shared > best:
                best, amounts = shared, set(entry.amounts)
            elif shared == best and shared:
                amounts |= entry.amounts
            balance = 2 * shared / (len(service) + len(entry.service) or 1)
            if balance > closest:
                closest, named = balance, set(entry.amounts)
            elif balance == closest and shared:
                named |= entry.amounts
        return frozenset(amounts | named) if best else None

    def __len__(self) -> int:
        return len(self.entries)


def _priced_facts(book: FactBook, documents: list[tuple[str, str]],
                  entries: list[PriceEntry]) -> list[PriceFact]:
    """The documents' price facts; a payment term read under a heading keeps only the words
    that name a priced service ("Insurance Verification Form" names none: "self-pay only" said
    there of the promotional visits is no term of verification)."""
    priced = frozenset(w for e in entries for w in e.service)
    facts = []
    for fact in book.extract(documents):
        if fact.kind != "excludes" and fact.kind not in book.own_words:
            fact = dataclasses.replace(fact, service=fact.service & priced)
            if not fact.service:
                continue
        facts.append(fact)
    return facts


REGULAR_GAP = 60  # characters between an offer's amount and its regular price, at most
REGULAR_CUE = 24  # in a draft, characters from a regular-price cue's end to the amount


def _joined(text: str, offer: re.Match[str], amount: re.Match[str], rule: PriceConfig) -> bool:
    """Whether a regular-price cue joins ``offer`` to the ``amount`` right after it ("$99,
    normally $400"): not across a table's cells, nor from an amount that is a regular price
    itself ("regular prices: $400 …, $700")."""
    gap = text[offer.end() : amount.start()]
    if len(gap) > REGULAR_GAP or "|" in gap or not re.search(rule.regular_cues, gap, re.I):
        return False
    return not re.search(rf"(?:{rule.regular_cues})[^$|]{{0,20}}$",
                         text[max(0, offer.start() - 30) : offer.start()], re.I)


def _stated_discounts(documents: Iterable[tuple[str, str]], rule: PriceConfig,
                      skip: re.Pattern[str]) -> set[int | None]:
    """The discounts the documents state, read loosely (a draft's claims strictly): a line
    naming one that its words do not deny states a discount (None) and every share off on it."""
    words = re.compile(rule.discount_words, re.IGNORECASE)
    denials = re.compile(rule.discount_denials, re.IGNORECASE)
    stated: set[int | None] = set()
    for _, text in documents:
        for line in text.splitlines():
            if skip.search(line) or not words.search(line) or denials.search(line):
                continue
            stated.add(None)
            stated |= {int(share) for share in re.findall(r"(\d{1,2})\s?(?:%|percent)", line)}
    return stated


def _regular_prices(documents: Iterable[tuple[str, str]],
                    rule: PriceConfig) -> dict[int, frozenset[int]]:
    """The documents' pairs of an offer's amount and its regular price ("**$99** (regular
    physician consultation $400)"), line by line."""
    pairs: dict[int, set[int]] = {}
    skip = re.compile(rule.skip_cues, re.IGNORECASE)
    for _, text in documents:
        for line in text.splitlines():
            if skip.search(line):
                continue
            amounts = list(AMOUNT.finditer(line))
            for offer, amount in zip(amounts, amounts[1:], strict=False):
                if _joined(line, offer, amount, rule):
                    pairs.setdefault(amount_cents(offer), set()).add(amount_cents(amount))
    return {offer: frozenset(amounts) for offer, amounts in pairs.items()}


_BRACKETED = re.compile(r"\([^()]*\)")
# a cell naming what its amount prices before it ("Ovarian Reserve Panel, $350")
_NAMED_AMOUNT = re.compile(r"\W*(?P<name>[^\W\d_][^$\d]*?)[\s,:–—-]+\**\$\s?\d")


def _cell_amounts(cell: str, skip: re.Pattern[str], compared: re.Pattern[str]) -> set[int]:
    """The cell's prices; not those of a comparison in brackets ("$26,500 ($3,300 less than
    two single cycles at $29,800)": $29,800 is not this row's price)."""
    if skip.search(cell):
        return set()
    cell = _BRACKETED.sub(lambda m: "" if compared.search(m.group()) else m.group(), cell)
    return {amount_cents(m) for m in AMOUNT.finditer(cell)}


def _comparisons(cell: str, compared: re.Pattern[str]) -> list[str]:
    """What a cell's comparisons in brackets compare with ("two single cycles at $29,800" in
    "($3,300 less than two single cycles at $29,800)"): each prices what it names."""
    found = []
    for bracketed in _BRACKETED.finditer(cell):
        cue = compared.search(bracketed.group())
        if cue and AMOUNT.search(bracketed.group(), cue.end()):
            found.append(bracketed.group()[cue.end() : -1])
    return found


def _table_entries(source: str, text: str, cues: tuple[re.Pattern[str], re.Pattern[str]],
                   generic: frozenset[str], counts: Sequence[str],
                   excluded: re.Pattern[str]) -> list[PriceEntry]:
    """Row entries (first cell = service, the cells without amounts its description, less
    what they exclude) and, under an empty corner cell, column entries. ``cues``: a cell's
    words for a price that no longer applies, and for a comparison."""
    skip, compared = cues
    entries: list[PriceEntry] = []
    for table in _tables(text):
        header, rows = table[0], table[1:]
        skip_columns = {i for i, cell in enumerate(header) if skip.search(cell)}
        for row in rows:
            if skip.search(row[0]):
                continue
            amounts: set[int] = set()
            for index, cell in enumerate(row):
                if index not in skip_columns:
                    amounts |= _cell_amounts(cell, skip, compared)
            described = " ".join(cell[a:b] for cell in row[1:] if not AMOUNT.search(cell)
                                 for a, b in sentence_spans(cell)
                                 if not excluded.search(cell[a:b]))
            entries.append(PriceEntry(service_tokens(row[0], generic, counts),
                                      frozenset(amounts), source,
                                      service_tokens(described, generic, counts)))
            entries += [PriceEntry(service_tokens(comparison, generic, counts),
                                   frozenset(amount_cents(m) for m in AMOUNT.finditer(comparison)),
                                   source)
                        for cell in row[1:] for comparison in _comparisons(cell, compared)]
        if header and not header[0]:
            for index, name in enumerate(header[1:], start=1):
                amounts = set()
                for row in rows:
                    if index >= len(row) or skip.search(row[0]):
                        continue
                    cell = row[index]
                    named = _NAMED_AMOUNT.match(cell)
                    add_on = service_tokens(named["name"], generic, counts) if named else None
                    if add_on:  # "Ovarian Reserve Panel, $350": an add-on's price, not the
                        # column's ("only $99", "from $29,000" name none: the column's)
                        entries.append(PriceEntry(add_on,
                                                  frozenset(_cell_amounts(cell, skip, compared)),
                                                  source))
                    else:
                        amounts |= _cell_amounts(cell, skip, compared)
                entries.append(PriceEntry(service_tokens(name, generic, counts),
                                          frozenset(amounts), source))
    return entries


def _tables(text: str) -> list[list[tuple[str, ...]]]:
    """The rows of each run of table lines (the first row first, rule lines left out)."""
    tables: list[list[tuple[str, ...]]] = []
    in_table = False
    for block in walk(text):
        if block.kind in ("table_header", "table_row"):
            if not in_table:
                tables.append([])
            tables[-1].append(block.cells)
        in_table = block.kind.startswith("table_")
    return tables


def _prose_entries(source: str, text: str, rule: PriceConfig,
                   skip: re.Pattern[str]) -> list[PriceEntry]:
    """One entry per amount in a non-table sentence, described by the words around it."""
    entries: list[PriceEntry] = []
    prose = "\n".join(line for block in walk(text) if not block.kind.startswith("table_")
                      for line in block.lines)
    for start, end in sentence_spans(prose):
        sentence = prose[start:end]
        if skip.search(sentence):
            continue
        for match in AMOUNT.finditer(sentence):
            service = mention_tokens(sentence, match.start(), match.end(), rule)
            entries.append(PriceEntry(service, frozenset({amount_cents(match)}), source))
    return entries
