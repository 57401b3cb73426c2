"""price_mismatch: a dollar amount that the current documents do not give for that service."""

from __future__ import annotations

import re
from itertools import combinations

from guardrails.policy import FreeConsultationConfig, PriceConfig
from guardrails.prices import (
    AMOUNT,
    PriceCatalog,
    amount_cents,
    currency_of,
    format_cents,
    mention_tokens,
    other_currency_amounts,
    service_tokens,
    with_spelled_amounts,
)
from guardrails.results import Violation
from guardrails.rules.registry import RuleContext, kind
from guardrails.text import sentence_spans

MAX_LISTED = 4
MAX_ADDENDS = 8  # amounts a total is checked against (their sums are 2 ** n)
AFTER_WORDS = 2  # right after an amount referred to: the service it is the price of


@kind("price")
class PriceMismatchRule:
    """Flags an amount unknown to the catalog, or not among the prices of the service it names."""

    def __init__(self, catalog: PriceCatalog, pronoun_start: str = r"$^",
                 rule_id: str = "price_mismatch"):
        self.rule_id = rule_id
        self.catalog = catalog
        # A sentence opening like this ("It includes…") speaks of the previous sentence's price.
        self.pronoun_start = re.compile(pronoun_start, re.IGNORECASE)
        self.config = catalog.rule
        self.skip = re.compile(self.config.skip_cues, re.IGNORECASE)
        self.arithmetic = re.compile(self.config.arithmetic_cues, re.IGNORECASE)
        self.total = re.compile(self.config.total_cues, re.IGNORECASE)
        self.saving = re.compile(self.config.saving_cues, re.IGNORECASE)
        self.ended = re.compile(self.config.ended_cues, re.IGNORECASE)
        self.denied = re.compile(self.config.denied_amount_cues, re.IGNORECASE)
        self.paid_back = re.compile(self.config.paid_back_cues, re.IGNORECASE)
        self.referred = re.compile(self.config.referred_cues, re.IGNORECASE)
        self.discount = re.compile(self.config.discount_claims, re.IGNORECASE)
        self.discount_denial = re.compile(self.config.discount_denials, re.IGNORECASE)
        self.foreign = other_currency_amounts(self.config)

    @classmethod
    def from_policy(cls, rule_id: str, config: PriceConfig,
                    context: RuleContext) -> PriceMismatchRule | None:
        """The rule over the current prices (none without a catalog); a sentence opening as the
        free-consultation rule's ``pronoun_start`` speaks of the previous sentence's price."""
        if context.prices is None:
            return None
        pronoun_start = context.policy.rule(FreeConsultationConfig).pronoun_start
        return cls(context.prices, pronoun_start, rule_id)

    def find(self, text: str) -> list[Violation]:
        """Violations in ``text``; sentences about discontinued offers are not price quotes."""
        violations: list[Violation] = []
        previous, previous_amounts = "", []
        for s_start, s_end in sentence_spans(text):
            sentence = text[s_start:s_end]
            if self.skip.search(sentence):
                violations += self._ended(text, s_start, sentence)
                previous, previous_amounts = "", []
                continue
            amounts = [amount_cents(m) for m in AMOUNT.finditer(sentence)]
            spelled = None if amounts else with_spelled_amounts(sentence)
            if spelled is not None:  # "thirty-eight hundred dollars": read as its digits
                violations += [self._violation(text, s_start, s_end, v.message, v.suggestion)
                               for v in self.find(spelled)]
                previous, previous_amounts = "", []
                continue
            # (a worked example may use the prices of the sentence before: "… plus $350 per
            # embryo. Testing five would come to $3,550.")
            arithmetic, saving = self.arithmetic.search(sentence), self.saving.search(sentence)
            counted = self._counted(sentence) if arithmetic or saving else set()
            computed = _computed(amounts + previous_amounts, counted) if arithmetic else set()
            if saving:  # (a saving on a count of a price too: "… less than three cycles")
                computed |= _differences(amounts, counted, self.catalog.amounts)
            computed |= _shares(amounts, sentence)
            if amounts:  # (a count's multiples matter only beside an amount)
                computed |= self._counted_things(sentence)
            if wrong := self._wrong_total(sentence, amounts, counted):
                violations.append(self._violation(
                    text, s_start + wrong.start(), s_start + wrong.end(), self.config.total_message,
                    f"{self.config.suggestion} The amounts before it add up to "
                    f"{format_cents(sum(amounts[:-1]))}."))
                computed.add(amounts[-1])  # (said once, as a wrong sum)
            context, priced = "", amounts
            if not amounts and previous_amounts and self.pronoun_start.search(sentence.strip()):
                context, priced = previous, previous_amounts
            # (an offer of the sentence before whose regular price this one may give: "… is
            # $299; without the promotion that same visit is $700")
            carried = next((a for a in reversed(previous_amounts) if a in self.catalog.regular),
                           None)
            previous, previous_amounts = sentence, amounts
            for message in self.catalog.contradicted_facts(sentence, priced, context):
                violations.append(self._violation(text, s_start, s_end, message,
                                                  self.config.suggestion))
            violations += self._foreign(text, s_start, sentence)
            violations += [  # "a 5% card fee" where the documents state 3%
                self._violation(text, s_start + m.start(), s_start + m.end(),
                                self.config.rate_message, self.config.suggestion)
                for m in self.catalog.terms.unstated_rates(sentence)
                if not self.discount_denial.search(_clause(sentence, m.start()))]
            for match, share in self._discounts(sentence):
                if not self.catalog.states_discount(share) and not _worked_out(share, amounts):
                    violations.append(self._violation(
                        text, s_start + match.start(), s_start + match.end(),
                        self.config.discount_message, self.config.suggestion))
            offer = None  # the nearest earlier amount the documents pair a regular price with
            for match in AMOUNT.finditer(sentence):
                cents = amount_cents(match)
                earlier, offer = offer, cents if cents in self.catalog.regular else offer
                start, end = s_start + match.start(), s_start + match.end()
                if cents in computed or self.denied.search(sentence, 0, match.start()):
                    continue
                if cents == 0 and self.catalog.costs_nothing(sentence):
                    continue
                regular = self.catalog.regular_price(sentence, match.start(), earlier)
                if regular is not None:  # "$99 (normally $400)": the offer's regular price
                    if cents not in regular:
                        listed = ", ".join(format_cents(a) for a in sorted(regular))
                        violations.append(self._violation(
                            text, start, end, self.config.regular_message,
                            f"{self.config.suggestion} The regular price of the "
                            f"{format_cents(earlier)} offer: {listed}."))
                    continue
                if cents not in self.catalog.amounts:
                    message = (f"{format_cents(cents)} appears nowhere in the current documents. "
                               + self.config.message)
                    violations.append(self._violation(text, start, end, message,
                                                      self.config.suggestion))
                    continue
                stated = self.catalog.terms.misstated(cents, sentence[match.end():])
                if stated:  # "$750 a month" where the documents say "$750 per year"
                    violations.append(self._violation(
                        text, start, end, self.config.period_message,
                        f"{self.config.suggestion} {format_cents(cents)}: per "
                        f"{' or '.join(sorted(stated))}."))
                    continue
                if self.paid_back.match(sentence, match.end()):
                    continue  # the caller's own payment returned: no service named
                service = mention_tokens(self._subject(sentence, match.end()), match.start(),
                                         match.end(), self.config)
                valid = self.catalog.valid_amounts(service) if service else None
                if valid is not None and cents not in valid \
                        and not self.catalog.describes(service, cents) \
                        and not self._referred(sentence, match, cents) \
                        and not self._priced_in(sentence, cents) \
                        and not self._regular_before(sentence, match.end(), cents) \
                        and not self._combined(sentence, match, cents, service) \
                        and cents not in (self.catalog.regular_price(sentence, match.start(),
                                                                     carried) or ()) \
                        and not (computed and arithmetic and self._summed(sentence, cents)):
                    violations.append(self._mismatch(text, start, end, valid))
                elif service and (other := self._with_held(sentence, match.end(), service,
                                                           cents)):
                    violations.append(self._mismatch(text, start, end, other))
        return violations

    def _wrong_total(self, sentence: str, amounts: list[int],
                     counted: set[int]) -> re.Match[str] | None:
        """The last amount of ``sentence`` when it is said as the sum of two or more before it
        (a total cue in its clause) and none of their sums comes to it, nor one with a stated
        count of a price ("plus $350 for each of 4 embryos")."""
        before = amounts[:-1]
        if not 2 <= len(before) <= MAX_ADDENDS:  # (a longer list is a price list, not a sum)
            return None
        last = list(AMOUNT.finditer(sentence))[-1]
        if not self.total.search(_clause(sentence, last.start())):
            return None
        sums = {sum(c) for k in range(2, len(before) + 1) for c in combinations(before, k)}
        with_counts = {s + m for s in sums | set(before) | {0} for m in counted}
        return None if amounts[-1] in (sums - set(before)) | with_counts else last

    def _ended(self, text: str, s_start: int, sentence: str) -> list[Violation]:
        """Amounts the documents give as current in a clause saying their offer ended."""
        found = []
        for match in AMOUNT.finditer(sentence):
            clause = _clause(sentence, match.start())
            if not self.ended.search(clause):
                continue
            cents = amount_cents(match)
            service = mention_tokens(sentence, match.start(), match.end(), self.config)
            valid = self.catalog.valid_amounts(service) if service else None
            if cents in (self.catalog.amounts if valid is None else valid):
                start, end = s_start + match.start(), s_start + match.end()
                found.append(self._violation(text, start, end, self.config.ended_message,
                                             self.config.suggestion))
        return found

    def _foreign(self, text: str, s_start: int, sentence: str) -> list[Violation]:
        """Amounts in a currency the documents state no price in (nothing: "0 euros" is the
        free-consultation rule's)."""
        return [self._violation(text, s_start + m.start(), s_start + m.end(),
                                self.config.other_currency_message, self.config.suggestion)
                for m in self.foreign.finditer(sentence)
                if currency_of(m) not in self.catalog.currencies and _NONZERO.search(m.group())]

    def _discounts(self, sentence: str) -> list[tuple[re.Match[str], int | None]]:
        """The discounts ``sentence`` offers, each with its share off (None when it gives
        none); not one its clause denies ("we don't offer a teacher discount")."""
        found = []
        for match in self.discount.finditer(sentence):
            if self.discount_denial.search(_clause(sentence, match.start())):
                continue
            share = match.group("share") or match.group("share_after")
            found.append((match, int(share) if share else None))
        return found

    def _counted(self, sentence: str) -> set[int]:
        """Current prices times a count the sentence gives ("3 embryos": 3 x $350)."""
        words = self.config.count_words
        counts = {int(d) for d in re.findall(r"(?<![\d$,.])\d{1,2}(?![\d,.%])", sentence)}
        counts |= {words.index(w) + 1 for w in re.findall(r"[a-z]+", sentence.lower())
                   if w in words}
        return {k * a for k in counts if 1 < k <= MAX_MULTIPLE for a in self.catalog.amounts}

    def _counted_things(self, sentence: str) -> set[int]:
        """A price times the count of the thing it is for, the thing named in the two words
        after the count ("testing four embryos … $1,400": 4 x $350, the price per embryo; "two
        IVF cycles"), with or without a word of arithmetic."""
        words = self.config.count_words
        found: set[int] = set()
        for match in _COUNTED.finditer(sentence):
            count, thing = match.group(1).lower(), match.group(2)
            k = int(count) if count.isdigit() else words.index(count) + 1 \
                if count in words else 0
            if 1 < k <= MAX_MULTIPLE:
                # (in the plural and as one: the stems of "samples" and "sample" differ)
                tokens = service_tokens(thing + " " + _PLURAL.sub("", thing), frozenset())
                found |= {k * a for e in self.catalog.entries if tokens & e.service
                          for a in e.amounts}
        return found

    def _subject(self, sentence: str, end: int) -> str:
        """The part of ``sentence`` naming the service of an amount ending at ``end``: in "the
        $299 consultation includes an ultrasound" the words after "includes" are what the
        price holds (the price facts check those), not the service priced."""
        claim = self.catalog.fact_book.inclusion_claim.search(sentence, end)
        return sentence[: claim.start()] if claim else sentence

    def _with_held(self, sentence: str, end: int, service: frozenset[str],
                   cents: int) -> frozenset[int] | None:
        """The prices of another version of the service that holds what the amount is said to
        include ("IUI is $950 including monitoring": the row "IUI cycle with monitoring
        package" is $1,400), when the amount's own rows do not hold it; None otherwise."""
        claim = self.catalog.fact_book.inclusion_claim.search(sentence, end)
        if not claim:
            return None
        held_text = _CLAUSE_BREAK.split(sentence[claim.end():], maxsplit=1)[0]
        held = service_tokens(held_text, frozenset(self.config.generic_words),
                              self.config.count_words) - service
        entries = self.catalog.entries
        own = [e for e in entries if cents in e.amounts and service & e.service]
        if not held or not own or any(held <= e.service | e.described for e in own):
            return None
        # the service's words its own rows use ("runs" in "IUI runs $950" is none)
        named = service & frozenset(w for e in own for w in e.service)
        other = frozenset(a for e in entries if cents not in e.amounts
                          and named <= e.service and held & e.service for a in e.amounts)
        return other or None

    def _referred(self, sentence: str, match: re.Match[str], cents: int) -> bool:
        """The amount is referred to, not given ("aren't included in the $14,900", "your $99
        payment"), and is the price of the service named right after it, or, when none is,
        of a service the sentence names (IVF, of "IVF medications")."""
        if not self.referred.search(sentence, 0, match.start()):
            return False
        generic, counts = frozenset(self.config.generic_words), self.config.count_words
        after = service_tokens(" ".join(sentence[match.end():].split()[:AFTER_WORDS]), generic,
                               counts)
        if after:  # "your $99 IVF cycle" is priced, whatever the cue
            return cents in (self.catalog.valid_amounts(after) or ())
        named = service_tokens(sentence, generic, counts)
        return any(cents in e.amounts and e.service & named for e in self.catalog.entries)

    def _regular_before(self, sentence: str, end: int, cents: int) -> bool:
        """The amount is the regular price the documents pair with a later offer of a sentence
        comparing them ("down from $400 to $99")."""
        return bool(self.saving.search(sentence)) and any(
            cents in self.catalog.regular.get(amount_cents(m), ())
            for m in AMOUNT.finditer(sentence, end))

    def _combined(self, sentence: str, match: re.Match[str], cents: int,
                  service: frozenset[str]) -> bool:
        """The amount is said as a total of the service priced before it and the one its own
        clause adds ("IUI is $950, and with the monitoring package it's $1,400 altogether"):
        the price of a row naming both."""
        if not self.total.search(_clause(sentence, match.start())):
            return False
        earlier = list(AMOUNT.finditer(sentence, 0, match.start()))
        if not earlier:
            return False
        first = mention_tokens(self._subject(sentence, earlier[-1].end()), earlier[-1].start(),
                               earlier[-1].end(), self.config)
        return any(cents in e.amounts and first & e.service and (service - first) & e.service
                   for e in self.catalog.entries)

    def _priced_in(self, fragment: str, cents: int) -> bool:
        """True when the service ``fragment`` (a sentence, or one service a sum lists) names
        best has this price
        ("Medications aren't in the $14,900 IVF price": the amount belongs to IVF, not to
        medications)."""
        service = service_tokens(fragment, frozenset(self.config.generic_words),
                                 self.config.count_words)
        valid = self.catalog.valid_amounts(service) if service else None
        return valid is not None and cents in valid

    def _summed(self, sentence: str, cents: int) -> bool:
        """In a sum the sentence works out, the price of one of the services it lists before
        its amounts ("egg freezing, then a frozen transfer: $9,500 + $4,200 = $13,700": each
        addend stands by the next amount, not by its own service)."""
        first = AMOUNT.search(sentence)
        listed = _LISTED.split(sentence[: first.start()] if first else "")
        return any(self._priced_in(piece, cents) for piece in listed)

    def _mismatch(self, text: str, start: int, end: int, valid: frozenset[int]) -> Violation:
        """A price not among the ``valid`` ones of its service, with those listed."""
        listed = ", ".join(format_cents(a) for a in sorted(valid)[:MAX_LISTED])
        return self._violation(text, start, end, self.config.message,
                               f"{self.config.suggestion} Current prices for this: {listed}.")

    def _violation(self, text: str, start: int, end: int, message: str,
                   suggestion: str) -> Violation:
        return Violation(rule=self.rule_id, start=start, end=end, text=text[start:end],
                         message=message, suggestion=suggestion)


MAX_MULTIPLE = 12
_NONZERO = re.compile(r"[1-9]")
_PLURAL = re.compile(r"s\b")
# a count, and the two words after it, which name the thing counted ("four frozen embryos")
_COUNTED = re.compile(r"(?<![\d$,.])\b(\d{1,2}|[a-z]+)\b(?=\s+([a-z-]{3,}(?:\s+[a-z-]{3,})?))",
                      re.IGNORECASE)
_LISTED = re.compile(r"\bplus\b|\+|\band\b|\bwith\b|[,&;]", re.IGNORECASE)  # services listed
# (not the comma of an amount's thousands: "$1,350")
_CLAUSE_BREAK = re.compile(r",(?!\d)|[;:()]|\s[-–—]\s|\b(?:so|but|and|while|whereas|because)\b",
                           re.IGNORECASE)


def _clause(sentence: str, at: int) -> str:
    """The clause of ``sentence`` holding offset ``at``."""
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence) if m.end() <= at]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(sentence) if m.start() > at]
    return sentence[max(starts) : min(ends, default=len(sentence))]


def _computed(amounts: list[int], counted: set[int]) -> set[int]:
    """The amounts of a sentence that are sums or small multiples of its other amounts, or
    ``counted`` multiples of a price, or one amount plus a multiple of another ("$1,800 +
    $1,400 = $3,200", "4 x $350 = $1,400", "$1,800 plus $350 for each of 3 embryos: $2,850")."""
    found = set()
    for index, cents in enumerate(amounts):
        others = amounts[:index] + amounts[index + 1 :]
        sums = {a + b for i, a in enumerate(others) for b in others[i + 1 :]} | {sum(others)}
        own = {k * a for a in others for k in range(2, MAX_MULTIPLE + 1)}
        multiples = counted | own
        sums |= {a + m for a in others for m in own}
        if cents and (cents in sums or cents in multiples):
            found.add(cents)
    return found


_PERCENT = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2})?)\s?(?:%|percent\b|per cent\b)")


def _shares(amounts: list[int], sentence: str) -> set[int]:
    """The amounts of a sentence that are a share it states of its other amounts, or one of
    them with the share added or taken off, to the cent or the dollar ("the 3% card fee on the
    $14,900 cycle is $447")."""
    shares = [float(p) for p in _PERCENT.findall(sentence)]
    found = set()
    for index, cents in enumerate(amounts):
        others = amounts[:index] + amounts[index + 1 :]
        # (the share itself, or the amount with it added or taken off)
        exact = {a * k / 100 for a in others for p in shares for k in (p, 100 + p, 100 - p)}
        if any(abs(cents - x) < 1 or abs(cents - round(x / 100) * 100) < 1 for x in exact):
            found.add(cents)
    return found


def _differences(amounts: list[int], counted: set[int], stated: frozenset[int]) -> set[int]:
    """The amounts of a sentence that are the difference of two of its others ("regularly
    $700, a saving of $401" on a $299 offer), or of one of them that is a ``stated`` price and a
    ``counted`` multiple of a price ("$37,000 for the package, $7,700 less than three single
    cycles"; not "$39,000, $5,700 less than three cycles", where neither is a price)."""
    found = set()
    for index, cents in enumerate(amounts):
        others = amounts[:index] + amounts[index + 1 :]
        pairs = [(a, b) for i, a in enumerate(others) for b in others[i + 1 :]]
        pairs += [(a, m) for a in others if a in stated for m in counted]
        if cents in {abs(a - b) for a, b in pairs}:
            found.add(cents)
    return found


def _worked_out(share: int | None, amounts: list[int]) -> bool:
    """A share off that two of the sentence's amounts work out, to the point ("$99, about 75%
    off the regular $400")."""
    return share is not None and any(
        abs(100 * (high - low) / high - share) <= 1
        for high in amounts for low in amounts if high > low)
