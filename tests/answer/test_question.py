"""Reading a question against the documents: its topic words, the things it asks an amount, a
price or a contact of, the words it spells differently, and the share of it the copilot cannot
read (``copilot.answer.question``)."""

from __future__ import annotations

import pytest

from copilot.answer.question import QuestionReader
from copilot.answer.snapshot import build_snapshot
from copilot.answer.text import tokenize
from copilot.knowledge.model import CURRENT, Chunk
from guardrails import Policy
from tests.answer.test_decision import RULE


class Kinds:
    """General-language kinds of a few words, as guardrails' lexicon would give them."""

    KINDS = {"acupuncture": "rare", "lol": "general", "daughter": "general", "xfer": "unknown",
             "sitter": "rare", "visita": "foreign", "pestering": "rare", "pricier": "rare",
             "chiropractic": "rare", "frazzled": "rare", "acupunct": "rare", "flu": "rare",
             "sept": "rare", "thurs": "rare", "doula": "rare", "massage": "general",
             "parking": "general", "sister": "general", "valet": "rare",
             "round": "general", "a": "function", "her": "function", "the": "function",
             "does": "function", "tomorrow": "general", "price": "general",
             "include": "general", "video": "general", "shuttle": "general", "pool": "general",
             "history": "general", "train": "general", "sky": "general", "courier": "general",
             "store": "general", "dog": "general", "partner": "general",
             "dollar": "general", "bucks": "general", "booking": "rare", "book": "general"}
    # Spanish: most words are only Spanish; short ones are English words too ("la", "si")
    KINDS |= dict.fromkeys(["la", "si", "los", "en", "el", "por"], "general")
    # ... or, less frequent in English, words of both languages to the lexicon
    KINDS |= dict.fromkeys(["y", "su", "se", "de", "dia"], "ambiguous")
    KINDS |= dict.fromkeys(["paciente", "pregunta", "medicamentos", "estan", "incluidos",
                            "precio", "quiere", "saber", "cuanto", "cuesta", "consulta", "cita",
                            "cambia"],
                           "foreign")

    # rarer English words
    UNCOMMON = {"hypnotherapy", "bloodwork", "auth", "advil", "hsg", "skytrain"}
    # Spanish words as frequent in Spanish as everyday English words are in English
    EVERYDAY_ABROAD = {"paciente", "pregunta", "quiere", "saber", "cuanto", "cuesta"}

    def kind(self, word: str) -> str:
        return self.KINDS.get(word, "general" if word in ("blood", "work") else "unknown")

    def is_uncommon(self, word: str) -> bool:
        return word in self.UNCOMMON

    def mistyped(self, word: str) -> str | None:
        return {"hypnoterapy": "hypnotherapy", "acupunture": "acupuncture"}.get(word)

    def is_everyday_abroad(self, word: str) -> bool:
        return word in self.EVERYDAY_ABROAD

    def is_language(self, phrase: str) -> bool:
        return phrase in ("spanish", "mandarin")


@pytest.fixture(scope="module")
def snapshot():
    chunks = [Chunk(id="faq.md#0", text="Transfers go to extension 4. Acupuncture is not offered. "
                    "Prior authorizations take a week. Interpreters are fluent in Spanish. "
                    "Blood work is drawn at the lab. The bookshelf holds the consent forms.",
                    source="faq.md", title="FAQ", category="faq", owner="", last_updated="",
                    section="", page=None, content_hash="h", status=CURRENT)]
    return build_snapshot("g", chunks, Policy.load())


@pytest.fixture(scope="module")
def reader(runtime):
    """Word kinds from the table above, parts of speech from the real tagger."""
    return QuestionReader(Kinds(), runtime.tagger, RULE)


def test_topic_words_are_real_words_the_documents_never_use(reader, snapshot):
    assert reader.topics("pt's daughter wants a sitter lol", snapshot, set()) == ("sitter",)
    # a word the documents use is never a topic they lack; shorthand and typos are no topics
    assert reader.topics("acupuncture? can u xfer her", snapshot, set()) == ()
    assert reader.topics("a visita tomorrow", snapshot, set()) == ("visita",)
    assert reader.topics("sitter", snapshot, {"sitter"}) == ()  # expanded shorthand


@pytest.mark.parametrize(("question", "topics"), [
    ("does she need hypnotherapy first", ("hypnotherapy",)),  # rarer than wordfreq's general
    ("is the auth done", ()),  # shorthand of a word the documents use ("authorizations")
    ("is bloodwork in the visit", ()),  # two words the documents use, run together
    # ... not a word that merely splits into two English ones the documents never use
    # ("sky" + "train")
    ("is there a skytrain stop by the office", ("skytrain",)),
    ("does hypnotherapysession help", ()),  # no English word at all: a typo, not a topic
    ("any acupunct tonight", ()),  # the beginning of a word the documents use, whatever its kind
    ("any flu shots tonight", ("flu",)),  # three letters are too few to be one ("fluent")
    # an everyday word's form is no clipped word ("booking": "book" begins "bookshelf")
    ("is there a booking fee", ("booking",)),
    ("any openings in sept", ()),  # the beginning of a month's name
    ("is she booked for thurs", ()),  # or of a weekday's
    # a typo one edit from an English word is read as that word ...
    ("does she need hypnoterapy first", ("hypnotherapy",)),
    ("any acupunture tonight", ()),  # ... unless it mistypes a word of the documents
])
def test_uncommon_words_are_topics_unless_shorthand_or_compounds(reader, snapshot, question,
                                                                 topics):
    assert reader.topics(question, snapshot, set()) == topics


@pytest.mark.parametrize(("question", "topics"), [
    ("pt keeps pestering us about the sitter", ("sitter",)),  # a verb names no subject
    ("did hypnotherapy get pricier this year", ("hypnotherapy",)),  # a comparative neither
    ("she is kinda frazzled, can u xfer her", ()),
    ("does she need a chiropractic referral first", ("chiropractic",)),  # before its noun
    ("does the clinic have hypnotherapy or valet for patients",  # joined to a noun (the
     ("hypnotherapy", "valet")),  # tagger reads "valet" as a verb here)
])
def test_only_words_that_name_a_subject_are_topics(reader, snapshot, question, topics):
    """Rare words the documents never use mark a subject they lack only when they name it: a
    noun, or the adjective in front of one; the tagger reads each word in its sentence."""
    assert reader.topics(question, snapshot, set()) == topics


@pytest.mark.parametrize(("question", "topics"), [
    # a sentence that tells is the call's context; what is asked is the question's subject
    ("her sitter cancelled this morning. can u xfer her to billing?", ()),
    ("her sitter cancelled — can u xfer her to billing?", ()),  # a dash sets it apart too
    ("does she need hypnotherapy first? she read about it online", ("hypnotherapy",)),
    # a fragment with no verb goes with the question beside it
    ("can she bring her toddler along? no sitter", ("sitter",)),
    # nothing asked with a question mark: all of it is the question
    ("her sitter cancelled this morning. she wants to know about parking", ("sitter",)),
])
def test_only_what_is_asked_names_the_subject(reader, snapshot, question, topics):
    assert reader.topics(question, snapshot, set()) == topics


@pytest.mark.parametrize(("question", "topics"), [
    # typed in Spanish: its words are Spanish, not subjects the English documents lack
    ("la paciente pregunta si los medicamentos estan incluidos en el precio", ()),
    ("quiere saber cuanto cuesta la consulta por video", ()),
    # one foreign word in an English question still names a subject they lack
    ("does the price include her medicamentos", ("medicamentos",)),
    # ... but not an everyday word of that language ("cuanto", "pregunta": how much, asks)
    ("la paciente wants the price of the video consult", ()),
    ("she asks cuanto the price is with her medicamentos", ("medicamentos",)),
])
def test_a_question_typed_in_another_language_has_no_foreign_topics(reader, snapshot,
                                                                   question, topics):
    assert reader.topics(question, snapshot, set()) == topics


@pytest.mark.parametrize(("question", "unasked"), [
    ("does the office have a shuttle or a pool", ("shuttle", "pool")),
    ("is there a shuttle from the train", ("shuttle",)),
    ("whats the closest pool to the office", ("pool",)),
    ("do you have interpreters for spanish", ()),  # the documents' word
    ("does she have her whole history with her", ()),  # about her, not the clinic
    ("does the main office have a shuttle", ("shuttle",)),  # the holder named between
    ("does her partner have a shuttle", ()),  # a person's
    ("is her little dog allowed in the lobby", ("dog",)),  # what is asked to be allowed
    ("is her partner allowed in the room", ()),  # a person: the documents' rules for visitors
    ("can she bring her dog to the visit", ("dog",)),  # whoever brings it
    ("can she bring her partner to the visit", ()),
])
def test_what_the_clinic_is_asked_to_have_is_named_by_the_documents(reader, snapshot,
                                                                   question, unasked):
    """Everyday nouns the documents never use, in what the clinic is asked to have or offer:
    the passages describe something else (weak evidence at most, as for an amount's thing)."""
    assert reader.unasked(question, snapshot, set()) == unasked


@pytest.mark.parametrize(("question", "unasked"), [
    ("what's the 40 dollar valet fee for", ("valet",)),
    ("is the 40 dollar fee per visit", ()),  # the currency is the amount's, not its thing
    ("what's the 30 bucks price about", ()),
])
def test_a_currency_names_no_thing_asked_an_amount_of(reader, snapshot, question, unasked):
    """The price rule's words that name no service ("dollar", "cost") are not what is priced,
    though the documents write "$" and never "dollar"."""
    assert reader.unasked(question, snapshot, set()) == unasked


def test_a_rarer_thing_asked_for_is_named_by_the_documents_too(runtime):
    """With the real lexicon: a rare or uncommon noun the clinic is asked to have, that the
    documents never use, marks the passages as about something else, as an everyday one does;
    a word the documents use does not."""
    reader = runtime.copilot.retriever.reader
    snapshot = runtime.copilot.snapshots.get()
    assert reader.unasked("is there a hypnotherapist on staff", snapshot, set()) == (
        "hypnotherapist",)
    assert reader.unasked("is there a shuttle from the train", snapshot, set()) == (
        "shuttle",)
    assert reader.unasked("is there a nurse line after hours", snapshot, set()) == ()


def test_a_single_letter_is_shorthand_not_a_thing_asked_of(runtime):
    """A letter of shorthand typed with a slash ("f/u" for follow-up, "w/o") names nothing the
    documents could lack: the visit asked the price of is theirs."""
    reader = runtime.copilot.retriever.reader
    snapshot = runtime.copilot.snapshots.get()
    assert reader.unasked("whats a f/u visit cost if she has no ins", snapshot, set()) == ()
    assert reader.unasked("what does a f/u cost w/o insurance", snapshot, set()) == ()
    assert reader.unasked("how much is the shuttle w/o parking", snapshot, set()) == (
        "shuttle",)


def test_a_question_is_tagged_once(runtime, snapshot):
    """The topic reader and the asked-thing reader share one tagging of the question."""
    questions = []

    class Counting:
        def tags(self, text):
            questions.append(text)
            return runtime.tagger.tags(text)

    reader = QuestionReader(Kinds(), Counting(), RULE)
    question = "does the office have a sitter or a shuttle"
    assert reader.topics(question, snapshot, set()) == ("sitter",)
    assert reader.unasked(question, snapshot, set()) == ("shuttle",)
    assert questions == [question]


def test_the_lexicon_tells_everyday_words_of_another_language(runtime):
    """As frequent in Spanish as general English words are in English: everyday words, not
    subjects; rarer ones stay foreign words a question may be about."""
    kinds = runtime.copilot.retriever.reader.word_kinds
    assert all(kinds.is_everyday_abroad(w) for w in ("pregunta", "cuánto", "mañana", "señora"))
    assert not any(kinds.is_everyday_abroad(w) for w in ("medicamentos", "genético", "price"))


@pytest.mark.parametrize(
    "word",
    # our own shorthand, not the dev set's; "wont": an irregular negative's stem and "nt"
    ["shes", "didnt", "youre", "wont", "wk", "mgr", "yr", "hrs"],
)
def test_shorthand_and_contractions_without_apostrophe_are_no_topics(runtime, word):
    """General language (the redactor's wordfreq lexicon) calls these rare words; the documents
    never spell them so; they still say nothing about the subject."""
    snapshot = runtime.copilot.snapshots.get()
    reader = runtime.copilot.retriever.reader
    assert reader.word_kinds.kind(word) in RULE.topic_kinds  # the lexicon alone: a topic
    assert reader.topics(f"pt says {word} asking about acupuncture", snapshot, set()) == (
        "acupuncture",
    )


@pytest.mark.parametrize(("question", "topics"), [
    # one edit from a subject the documents never name: that subject, read as a noun (the
    # tagger reads a word it does not know by its place: "do <typo>" as a verb)
    ("does the clinic do reflexolgy, or refer pts somewhere for it?", ("reflexology",)),
    ("can she get hypnoterapy here before her transfer?", ("hypnotherapy",)),
    # one edit from a word the documents use, or from an everyday one: no subject they lack
    ("is the retreival at the san mateo office?", ()),
    ("she says the parkng lot was full, can she reschedule?", ()),
])
def test_a_typo_is_read_as_the_word_it_mistypes(runtime, question, topics):
    snapshot = runtime.copilot.snapshots.get()
    assert runtime.copilot.retriever.reader.topics(question, snapshot, set()) == topics


@pytest.mark.parametrize(("question", "topics"), [
    ("she wants off ur text reminders, how do i do that", ()),
    ("pls resend the intake link, she lost the pics of her card", ()),
    ("thx, and whats the fee if she cancels thru the portal", ()),
    ("pls ask abt acupuncture for her", ("acupuncture",)),  # a subject they lack stays one
])
def test_texting_shorthand_is_no_topic(runtime, question, topics):
    """Texting shorthand ("ur", "pls", "pics") is rare in general language and never in the
    documents: the agents' vocabulary says what it stands for, so it marks no missing subject."""
    assert runtime.copilot.retrieve(question).topics == topics


@pytest.mark.parametrize(("question", "subject"), [
    ("how much is a doula", ["doula"]),  # past the verb and the article
    ("how many interpreters are there", ["interpreters"]),
    ("what does parking cost", ["parking"]),  # before the amount word
    ("the massage fee", ["massage"]),
    ("price of the parking", ["parking"]),  # after it, with "of"
    ("what is the charge for prior authorizations", ["prior", "authorizations"]),
    ("how much for her sister's massage", ["massage"]),  # the owner is not the thing
    ("how much is a round of acupuncture", ["acupuncture"]),  # nor a measure of it
    ("how much does she owe", []),  # no thing named
    ("what does it cost to courier her records", ["courier"]),  # an action priced
    ("how much to courier the files", ["courier"]),
    ("the cost to store a sample", ["store"]),  # the action, not its object
    ("the yoga drop-in fee?", ["yoga", "drop", "in"]),  # a hyphenated word is one thing
    ("sperm banking — how much per sample?", ["sperm", "banking"]),  # named before a dash
    ("her ultrasound: whats the fee", ["ultrasound"]),  # or a colon
    ("when is she booked — tuesday?", []),
    # the amount word alone after a break, ending the question: of the subject before it
    ("does the clinic offer a shuttle service, price?", ["shuttle", "service"]),
    ("we do doula support too? fee", ["doula", "support"]),
    ("how does she reach us, by phone?", []),  # no amount word
    ("when is she booked", []),
])
def test_the_thing_asked_an_amount_of(runtime, question, subject):
    assert sorted(RULE.asked_subject(runtime.tagger.tags(question))) == sorted(subject)


@pytest.mark.parametrize(("question", "unasked"), [
    ("how much is a doula", ("doula",)),
    ("what does a massage cost", ("massage",)),  # a frequent word too: it is what is priced
    ("how much are prior authorizations", ()),  # the documents name it
    ("how much for the interpreter's parking", ("parking",)),
    ("how much is the sitter's acupuncture", ()),  # the owner's word never counts
    ("how much is a round of prior authorizations", ()),  # nor a measure's ("a round of IVF")
    ("is there parking", ("parking",)),  # no amount: what the clinic is asked to have
    ("how much is a masage", ()),  # a typo says nothing of the subject
    # a term typed in capitals is no shorthand, and one the clinic's term list knows (the PHI
    # allow-list names the test) is still priced nowhere in the documents
    ("how much is an HSG", ("hsg",)),
    ("how much is an hsg", ()),  # no vowel, in lower case: shorthand ("wk")
    ("what would it cost to courier her records", ("courier",)),  # an action they never name
    ("how much to transfer a file", ()),  # one they do
])
def test_amount_questions_about_what_the_documents_never_name(reader, snapshot, question,
                                                              unasked):
    assert reader.unasked(question, snapshot, set()) == unasked


@pytest.mark.parametrize(("question", "unasked"), [
    # each word is the documents', but no statement that gives a price names them together
    ("what does a donor embryo cost", ("donor embryo",)),
    ("whats the fee for the parking garage", ("parking garage",)),
    ("how much is a garage ticket at the main office", ("garage ticket",)),
    ("how much is sperm freezing for her husband", ("sperm freezing",)),  # "freezing": VBG
    # a participle opening the thing's name ("assisted", "guided") is part of it
    ("how much is assisted embryo hatching", ("hatching",)),
    ("whats the charge for guided egg thawing", ("egg thawing",)),
    # a thing of something else is the thing priced, not what it is of: the documents name
    # copies (of records, to route them) and price a visit that reviews prior records
    ("whats the charge for copies of the consent forms", ("copies consent forms",)),
    ("what does it cost for printouts of her ultrasound", ("printouts ultrasound",)),
    # priced things: one statement states the price of each
    ("how much is a frozen embryo transfer", ()),
    ("how much are two rounds of ivf", ()),  # a number counts a measure ("rounds")
    ("how much is the cost of storage of her embryos", ()),  # storage is priced
    ("whats the cost of freezing her eggs", ()),  # an action priced as the documents name it
    ("how much are the iui and the egg freezing", ()),  # two things, each priced
    ("what does the semen analysis cost for her husband", ()),  # whom it is for: no thing
    ("whats the fee for an ORP add-on", ()),  # the initials of a priced test's name
    ("how much does a mandarin interpreter cost", ()),  # a language says which interpreter
    ("how many embryo donor cycles are there", ()),  # a count, not a price
    # the thing named before a dash that opens the question
    ("sperm banking — how much per sample?", ("sperm banking",)),
    ("a semen analysis — how much for her husband?", ()),
    ("the monitoring package: how much on top of the iui?", ()),
    # ... or before the amount word that ends it after a break
    ("is there a sperm freezing option here, cost?", ("sperm freezing",)),
    ("the frozen embryo transfer, price?", ()),
    # whose contact is asked, where no statement giving one of that kind names them
    ("can i get the privacy officer's direct line for her", ("privacy officer",)),
    ("what is dr bell's personal email, she wants to thank him", ("dr bell",)),
    # contacts the documents give with the owner's name, or hers, or the clinic's
    ("what's the number for medical records", ()),
    ("whats the extension for the new patient team", ()),
    ("what is the email for the international coordinators", ()),
    ("whats her cell number, it isn't in the crm", ()),
    ("what's the clinic's fax number", ()),
    ("what's the call center's fax number", ()),  # the clinic's own, ending the owner
])
def test_a_price_or_a_contact_is_asked_of_what_a_statement_giving_one_names(runtime, question,
                                                                            unasked):
    """Over the clinic's documents, as the copilot reads them: a price asked of a thing a
    priced statement names, a contact of someone a statement giving that kind names."""
    copilot = runtime.copilot
    assert copilot.retriever.reader.unasked(question, copilot.snapshots.get(), set()) == unasked


@pytest.mark.parametrize(("question", "unasked"), [
    # a name asked of what the documents describe without naming it
    ("can you tell me the specialty pharmacy's name", ("specialty pharmacy",)),
    ("which financing company do we send people to", ("financing company",)),
    ("she wants the privacy officer full name", ("privacy officer",)),  # the noun before it
    # the clinic's own word names a person of it when another word ends the owner
    ("what's the call center supervisor's full name", ("call center supervisor",)),
    # names the documents give beside what they are asked of, or no name asked of anything
    ("whats the name of the clinic's medical director", ()),
    ("which insurance plans do we accept", ()),
    ("what is the name of the doctor who speaks hindi", ()),
    ("which doctor sees new patients on tuesdays", ()),
    ("what promos do we have for people who haven't been seen", ()),  # which ones, no names
    ("can you confirm the patient's full name before i book", ()),  # hers
])
def test_a_name_is_asked_of_what_a_statement_names_beside_a_proper_name(runtime, question,
                                                                        unasked):
    copilot = runtime.copilot
    assert copilot.retriever.reader.unasked(question, copilot.snapshots.get(), set()) == unasked


def test_a_name_the_documents_never_give_is_not_answered_with_what_they_say_of_it(runtime):
    """The specialty pharmacy is described (it bills for medications) but never named: weak
    evidence, the closest passages to check, rather than an answer that names nothing."""
    result = runtime.copilot.ask("what's the specialty pharmacy's name? she wants to phone them")
    assert result.coverage == "weak" and not result.found


@pytest.mark.parametrize(("question", "unasked"), [
    ("is the front desk open on Labor Day?", ("labor day",)),
    ("does the office close early on New Year's Eve", ("new year's eve",)),
    ("any openings the day after Thanksgiving?", ()),  # the statement names it
    ("can she come in on the 2nd Tuesday of March", ()),  # no holiday
])
def test_a_holiday_no_statement_names_is_a_day_the_passages_do_not_describe(runtime, question,
                                                                            unasked):
    chunks = [Chunk(id="hours.md#0", text="The office is open 8 AM to 6 PM on weekdays. It "
                    "closes for Thanksgiving on Thursday and the Friday after.", source="hours.md",
                    title="Hours", category="faq", owner="", last_updated="", section="",
                    page=None, content_hash="h", status=CURRENT)]
    snapshot = build_snapshot("g", chunks, Policy.load())
    reader = QuestionReader(Kinds(), runtime.tagger, RULE, days=runtime.redactor.dates)
    assert reader.unasked(question, snapshot, set()) == unasked


def test_hours_are_no_answer_for_a_holiday_the_documents_never_name(runtime):
    """Weak evidence: the closest passages to check (the ordinary hours), no facts drafted."""
    result = runtime.copilot.ask("is the front desk open on Labor Day?")
    assert result.coverage == "weak" and not result.found


def test_a_thing_no_statement_prices_is_not_answered_with_other_prices(runtime):
    """Donor eggs and embryo storage are priced; a donor embryo is not: weak evidence, the
    closest passages to check, rather than an answer drafted from other prices."""
    result = runtime.copilot.ask("pt is asking what a donor embryo costs")
    assert result.coverage == "weak" and not result.found


def test_everyday_words_of_another_language_weigh_nothing_in_coverage(reader, snapshot):
    weights = reader.coverage_weights("la paciente quiere saber del acupuncture", snapshot, {})
    assert set(weights) == set(tokenize("la del acupuncture"))  # "la", "del": not everyday here
    assert reader.coverage_weights("interpreters", snapshot, {}) == {
        t: snapshot.weight(t) for t in tokenize("interpreters")}


@pytest.fixture(scope="module")
def embedded(runtime):
    """A snapshot with the copilot's embedder, and a reader with the real lexicon."""
    chunks = [Chunk(id="leads.md#0", text="Web inquiries land in the new-patient mailbox. Leads "
                    "in Hawaii are called after 11 AM Pacific. Each call charge is logged. "
                    "An REI reads the chart.",
                    source="leads.md", title="Leads", category="sop", owner="",
                    last_updated="", section="", page=None, content_hash="h", status=CURRENT)]
    snapshot = build_snapshot("g", chunks, Policy.load(), embed=runtime.embedder.embed_documents)
    return runtime.copilot.retriever.reader, snapshot


@pytest.mark.parametrize(("question", "topics"), [
    ("which inbox do web leads go to", ()),  # the documents' "mailbox"
    ("lead lives on oahu, ok to call at 9", ()),  # an island of the documents' "Hawaii"
    ("does the office have a charger", ("charger",)),  # "charge" is a relative, not a synonym
    ("is acupuncture offered", ("acupuncture",)),  # nothing of the documents means it
])
def test_a_word_the_documents_say_in_other_words_is_no_topic(embedded, question, topics):
    reader, snapshot = embedded
    assert reader.topics(question, snapshot, set()) == topics


@pytest.mark.parametrize(("question", "said"), [
    ("her sister on oahu asks when our agents phone out", {"oahu": ("hawaii",)}),
    ("which inbox gets the web forms", {"inbox": ("mailbox",)}),
    ("does the office have a charger", {}),  # a relative is no synonym
    ("can she book a reiki session here", {}),  # nor a shorter word it begins with (the
    # embedder reads "reiki" as "rei" + "ki": the documents' "REI" looks close)
    ("is acupuncture offered", {}),  # nothing of the documents means it
    ("the loud caller logged it manually", {}),  # no noun: an adjective's or an adverb's
    # nearest word in meaning may be its opposite
])
def test_a_noun_the_documents_say_in_other_words_is_searched_as_their_word(embedded, question,
                                                                           said):
    reader, snapshot = embedded
    assert reader.said_otherwise(question, snapshot, set()) == said


def test_the_search_reads_such_a_noun_as_the_documents_word(runtime):
    retrieval = runtime.copilot.retrieve("a lawyer on the line asks who handles a chart copy")
    assert any(w.startswith("attorney") for w in retrieval.expansions["lawyer"])
    assert "attorney" in retrieval.query


@pytest.mark.parametrize(("question", "unread"), [
    ("does the price include her video", 0.0),  # English words general language knows
    ("환자가 주사 비용을 물어봐요", 1.0),  # another script: no word the copilot can read
    ("pasyan an vle konnen konbyen sa koute", 1.0),  # a language the lexicon does not know
    ("la paciente pregunta si acupuncture", 0.4),  # Spanish words are unread, the
    # documents' word and the short words English has too ("la", "si") are read
    ("does the price include the cuesta", 0.0),  # ... and so is shorthand the vocabulary
    # expands in an English question; in a question typed in another language, a word read
    # only through the vocabulary's translation is not read as written
    ("cuanto cuesta la consulta", 0.75),
])
def test_unread_is_the_share_of_words_neither_english_nor_the_documents(reader, snapshot,
                                                                       question, unread):
    assert reader.unread(question, snapshot, {"cuanto", "cuesta"}) == pytest.approx(unread)


def test_in_a_question_typed_in_another_language_the_words_of_both_are_unread(
        reader, snapshot):
    """"su", "se", "de" are words of both languages (the lexicon's "ambiguous"): read in an
    English question, unread in this one, whose other words are Spanish only."""
    assert reader.unread("y su cita se cambia de dia", snapshot, set()) == 1.0
    assert reader.unread("does the price include her video de", snapshot, set()) == 0.0


def test_an_initialism_the_documents_only_spell_out_is_searched_spelled_out(reader):
    chunks = [Chunk(id="scan.md#0", text="The scan gives the antral follicle count. Antral "
                    "follicle count results come the same day.", source="scan.md", title="Scan",
                    category="faq", owner="", last_updated="", section="", page=None,
                    content_hash="h", status=CURRENT)]
    snapshot = build_snapshot("g", chunks, Policy.load())
    assert reader.spelled("is the afc done at the scan", snapshot, set()) == {
        "afc": ("antral", "follicle", "count")}
    assert reader.spelled("is the afc done at the scan", snapshot, {"afc"}) == {}  # listed
    assert reader.spelled("the scan gives the count", snapshot, set()) == {}


def test_everyday_words_with_those_initials_are_no_term(runtime):
    """"New patient intake" is used often, but "NPI" asks for something else: a term has a
    word general language does not know (or knows only as an uncommon one)."""
    class Everyday(Kinds):
        KINDS = Kinds.KINDS | {"new": "function", "patient": "general", "intake": "rare"}

    reader = QuestionReader(Everyday(), runtime.tagger, RULE)
    chunks = [Chunk(id="np.md#0", text="New patient intake opens at 8. New patient intake "
                    "closes at 5.", source="np.md", title="NP", category="faq", owner="",
                    last_updated="", section="", page=None, content_hash="h", status=CURRENT)]
    snapshot = build_snapshot("g", chunks, Policy.load())
    assert snapshot.initialisms["npi"] == ("new", "patient", "intake")
    assert reader.spelled("what is our npi number", snapshot, set()) == {}


@pytest.mark.parametrize(("question", "misspelled"), [
    ("when does the mailbx get checked", {"mailbx": ("mailbox",)}),  # a letter left out
    ("are leads in hawaii caled later", {"caled": ("called",)}),
    ("who logs the chrage for each call", {"chrage": ("charge",)}),  # two letters swapped
    ("when are leads called", {}),  # every word known
    ("is the inbx full", {}),  # too short to read as another word
    ("does she live on oahu", {}),  # general language knows it (a place, not a typo)
])
def test_a_word_the_documents_misspelled_is_read_as_theirs(embedded, question, misspelled):
    reader, snapshot = embedded
    assert reader.misspelled(question, snapshot, set()) == misspelled


def test_a_question_with_typos_is_answered_from_the_words_it_misspells(runtime):
    """Typed in a hurry, the question still finds the statements its words mean."""
    retrieval = runtime.copilot.retrieve("when does the confirmaton go out and when is the remider "
                                         "sent")
    assert retrieval.found
    assert {"confirmaton", "remider"} <= set(retrieval.expansions)


def _price_list() -> Chunk:
    text = ("# Price list\n\n| Service | Price |\n|---|---|\n"
            "| Intro video visit | $180 |\n| Intro video visit, weekend | $180 |\n"
            "| Semen freezing, first year | $640 |\n| Semen freezing, renewal | $640 |\n"
            "| Parking | $12 |\n")
    return Chunk(id="prices.md#0", text=text, source="prices.md", title="Prices",
                 category="pricing", owner="", last_updated="", section="", page=None,
                 content_hash="h", status=CURRENT)


@pytest.mark.parametrize(("question", "priced"), [
    # a price named by its number alone stands for what the documents price at it
    ("caller asks what the 180 one includes", {"180": ("intro", "video", "visit")}),
    ("is the 640 thing yearly?", {"640": ("freez", "semen")}),
    # ... but what the question already names is not added again
    ("does the 180 video visit include labs", {"180": ("intro",)}),
    # not said with its currency, a time, a duration, a share, or a price no two entries give
    ("is the $180 one refundable", {}),
    ("she has 180 days to use it, 180% sure", {}),
    ("is 12 enough for parking", {}),
])
def test_a_price_named_by_its_number_is_searched_as_what_it_prices(reader, question, priced):
    snapshot = build_snapshot("g", [_price_list()], Policy.load())
    assert reader.priced(question, snapshot, set()) == priced
