"""The retrieval word lists: shorthand, history requests, follow-ups."""

from __future__ import annotations

import pytest

from copilot.answer.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.load()


def test_shorthand_is_expanded_unless_the_documents_use_it(vocabulary):
    assert vocabulary.expand("dr bell fri") == "dr bell fri doctor physician friday"
    known = {"dr"}.__contains__
    assert vocabulary.expand("dr bell fri", known=known) == "dr bell fri friday"
    assert vocabulary.expansions("ins for ivf", known=lambda w: w == "ivf") == {
        "ins": ("insurance",)
    }


def test_an_address_asked_in_shorthand_is_the_address(vocabulary):
    assert vocabulary.expansions("addy for the palo alto office") == {"addy": ("address",)}


def test_shorthand_closing_quoted_words_is_expanded(vocabulary):
    """A quote closing the caller's words is no part of the last one."""
    assert vocabulary.expansions("she says 'they never called to confirm my appt'") == {
        "appt": ("appointment",)}
    assert vocabulary.expansions("caller: 'which line do i call for my ins'") == {
        "ins": ("insurance",)}


def test_shorthand_typed_with_a_slash_is_one_word(vocabulary):
    """"u/s", "f/u" stand for one word; two words joined by a slash stay two."""
    assert vocabulary.expansions("her u/s moved, book a f/u") == {
        "u/s": ("ultrasound",), "f/u": ("follow-up",)}
    assert vocabulary.expansions("dob/mrn both on file") == {"dob": ("date of birth",)}
    assert vocabulary.expansions("the 24/7 line") == {}


def test_a_card_named_by_its_brand_is_the_card_paid_with(vocabulary):
    """The documents price paying "by card"; agents name the card ("on her amex"). "visa" is a
    card only where it is paid with: a letter for her visa is travel."""
    assert "card" in vocabulary.expand("she'll put the cycle on her amex, any fee?")
    assert "card" in vocabulary.expand("paying the balance w her visa, is there a surcharge")
    assert "card" not in vocabulary.expand("she needs a letter for her visa appointment")


def test_spanish_words_take_the_documents_english_words(vocabulary):
    """Accented or not, a Spanish word of the calls reaches English documents."""
    assert vocabulary.expansions("¿cuánto cuesta la cita del jueves?") == {
        "cuánto": ("price",), "cuesta": ("price cost",), "cita": ("appointment",),
        "jueves": ("thursday",)}
    assert vocabulary.expansions("la paciente habla espanol") == {
        "paciente": ("patient",), "habla": ("speaks language",), "espanol": ("spanish",)}
    # the words of billing and plans ("which plans do you take", "the billing line")
    assert vocabulary.expansions("¿aceptan su plan? teléfono de facturación") == {
        "aceptan": ("accept accepted in-network",), "teléfono": ("phone",),
        "facturación": ("billing",)}
    # the Romance languages' initials of in vitro fertilisation
    assert vocabulary.expansions("a FIV inclui a anestesia?") == {"fiv": ("ivf",)}
    # French, and a word after its elided article ("d'", "l'")
    assert vocabulary.expansions("combien coûte le transfert d'embryon?") == {
        "combien": ("price",), "coûte": ("price cost",), "transfert": ("transfer",),
        "d'embryon": ("embryo",)}
    assert vocabulary.expansions("l'infirmière rappelle mardi") == {
        "l'infirmière": ("nurse",), "mardi": ("tuesday",)}
    assert vocabulary.expansions("she's here, don't call") == {}



def test_phrases_and_words_of_scripts_without_spaces_are_found_inside_the_question(vocabulary):
    """Vietnamese terms of two syllables as phrases (one syllable alone is no term), Chinese
    and Korean terms inside the characters around them (a particle, the next word)."""
    assert vocabulary.expansions("bn muốn dời lịch siêu âm") == {
        "doi lich": ("reschedule",), "sieu am": ("ultrasound",)}
    assert vocabulary.expansions("ba lich") == {}
    assert vocabulary.expansions("她想取消周五的B超预约") == {
        "取消": ("cancel cancellation",), "预约": ("appointment book",)}
    assert list(vocabulary.expansions("남편이 통역이 필요한지 물어봐요").values()) == [
        ("interpreter",)]


def test_hindi_japanese_and_arabic_words_take_the_documents_english_words(vocabulary):
    """Devanagari is found inside the question too: its vowel signs are marks, where a word
    pattern would stop ("कितना" read as "क", "तन")."""
    assert set(vocabulary.expansions("मरीज़ पूछ रही है कि बीमा चलेगा क्या").values()) == {
        ("insurance",)}
    assert set(vocabulary.expansions("体外受精の料金を知りたいそうです").values()) == {
        ("ivf",), ("price fee",)}
    assert set(vocabulary.expansions("تسأل عن عنوان العيادة").values()) == {
        ("address",), ("clinic",)}
    assert set(vocabulary.expansions("pt puch rahi hai dawai kab leni hai").values()) >= {
        ("medication",), ("when day time",)}


def test_haitian_creole_and_polish_words_take_the_documents_english_words(vocabulary):
    """A word that is another language's without its accents is left out: "lè" (the hour) is
    the Spanish "le" typed plainly."""
    assert set(vocabulary.expansions("Ki lè klinik la ouvè samdi?").values()) == {
        ("open hours",), ("saturday",)}
    assert set(vocabulary.expansions("Ile kosztuje wizyta u lekarza?").values()) == {
        ("price",), ("price cost",), ("visit appointment",), ("doctor physician",)}
    assert vocabulary.expansions("quiere que le llamemos") == {}


def test_a_word_is_looked_up_without_its_accents(tmp_path):
    """Listed once, a word is found typed with or without its accents (and one listed both
    ways would be listed twice: an error naming it)."""
    path = tmp_path / "retrieval.yaml"
    path.write_text("abbreviations:\n  sótano: [basement]\n  reunion: [meeting]\n",
                    encoding="utf-8")
    vocabulary = Vocabulary.load(path)
    assert vocabulary.expansions("el sotano y la reunión") == {
        "sotano": ("basement",), "reunión": ("meeting",)}
    assert vocabulary.expansions("el sótano") == {"sótano": ("basement",)}
    path.write_text("abbreviations:\n  sótano: [basement]\n  Sotano: [cellar]\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="'Sotano' is listed twice"):
        Vocabulary.load(path)


def test_unknown_keys_are_an_error(tmp_path):
    path = tmp_path / "retrieval.yaml"
    path.write_text("abbreviations: {}\nsynonyms: {}\n")
    with pytest.raises(ValueError, match="synonyms"):
        Vocabulary.load(path)


@pytest.mark.parametrize(
    ("question", "expected"),
    [("and the in-office one?", True), ("what about for her partner?", True),
     ("and what are all the cancellation rules for promotional consultations again", False),
     ("how much is the in-office one", False)],
)
def test_follow_ups(vocabulary, question, expected):
    assert vocabulary.is_follow_up(question) is expected


def test_archive_requests(vocabulary):
    assert vocabulary.wants_archive("what did the 2024 FAQ say")
    assert not vocabulary.wants_archive("what does the FAQ say")
    assert vocabulary.wants_archive("what were the historical prices in the archived sheet")
    assert not vocabulary.wants_archive("does she go over her whole medical history on the call")


def test_a_plural_the_list_lacks_is_looked_up_as_its_singular(tmp_path):
    """Another language's plural, not an English one: the stemmer reads "phones" as the
    documents' "phone", and the entry for "phone" is no help then."""
    listed = tmp_path / "words.yaml"
    listed.write_text("abbreviations:\n  formulario: [form]\n  dolor: [pain]\n"
                      "  phone: [telephone]\narchive_triggers: []\nfollow_up_starts: []\n",
                      encoding="utf-8")
    vocabulary = Vocabulary.load(listed)
    assert vocabulary.expansions("los formularios y los dolores") == {
        "formularios": ("form",), "dolores": ("pain",)}
    assert vocabulary.expansions("who answers the phones") == {}
    assert vocabulary.expansions("her phone") == {"phone": ("telephone",)}


@pytest.mark.parametrize(("question", "statement", "gives"), [
    # a duration gives how long
    ("how long does the whole program take", "Full treatment: 12 to 18 months.", True),
    ("how long is the intake call", "The intake call takes about 25 minutes.", True),
    ("how long do we keep the records", "Records are kept for 7 years.", True),
    ("how long does the whole program take", "The program has three stages.", False),
    ("what does the program cost", "Full treatment: 12 to 18 months.", False),
    # a percentage gives how much
    ("is there a fee for paying by credit card", "Card payments carry a 2.5% surcharge.", True),
    ("what does the storage cost", "Storage is $600 a year.", True),
    ("is there a fee for paying by credit card", "Cards are accepted at the front desk.", False),
    # a web or mail address gives where online
    ("she lost the link to log in, which site is it",
     "Patients sign in at portal.lakeside-clinic.example with their e-mail.", True),
    ("what's the web address for the success data", "See https://clinic.example/outcomes.", True),
    ("which email do the referral forms go to", "Send referrals to intake@clinic.example.", True),
    ("she lost the link to log in, which site is it",
     "Write to intake@clinic.example for help.", False),
    ("which email do the referral forms go to", "Referral forms are on the portal.", False),
    # where a form is sent back: an e-mail address or a fax number, not a number to call
    ("where should she fax the signed consent back", "Fax consents to (555) 010-0199.", True),
    ("where does he return the release form", "Return it to records@clinic.example.", True),
    ("where should she fax the signed consent back", "Questions: call (555) 010-0130.", False),
    # where a caller is sent on the phone: a number
    ("where do i transfer a pharmacy calling", "Pharmacies: (555) 010-0140.", True),
])
def test_a_statement_gives_the_value_asked(vocabulary, question, statement, gives):
    assert vocabulary.gives_asked_value(question)(statement) is gives


def test_a_ride_named_by_its_service_is_the_rideshare_the_documents_name(vocabulary):
    assert "rideshare" in vocabulary.expand("can she grab a lyft after the procedure")


def _ride_clinic(folder):
    (folder / "sedation.md").write_text(
        "# After a sedated scan\n\nYou must be driven home by a responsible adult. A rideshare "
        "or taxi alone is not allowed after sedation.\n\n## Parking\n\nThe garage is on Elm "
        "Street; the first hour is free.\n", encoding="utf-8")
    (folder / "fees.md").write_text(
        "# Scan fees\n\n| Scan | Price |\n|---|---|\n| Sedated MRI | $1,200 |\n", encoding="utf-8")
    return folder


def test_a_question_naming_the_ride_by_its_brand_is_answered_from_the_rideshare_rule(
        runtime, tmp_path_factory):
    from tests.support import indexed_clinic

    clinic = indexed_clinic(runtime, tmp_path_factory, _ride_clinic, "ride-clinic")
    result = clinic.copilot.ask("pt having the sedated scan tmrw, can she just take an uber home")
    assert result.coverage == "answered", result.answer
    assert "rideshare" in result.answer.lower() and "sedation.md" in [
        c.source for c in result.citations]
