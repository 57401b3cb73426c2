"""Urgent symptoms by meaning, with the real MiniLM embedder: red flags in wordings no trigger
pattern knows, and calm questions that mention a symptom."""

from __future__ import annotations

import pytest

from guardrails import ClaimsChecker
from guardrails.rules.negation import Negation
from guardrails.semantic import SemanticLayer
from guardrails.urgent import UrgentDetector
from guardrails.urgent_meaning import UrgentBank, UrgentMeaning
from tests.guardrails.urgent_cases import PASSIVE_SELF_HARM, cases, other_language_cases


@pytest.fixture(scope="module")
def layer() -> SemanticLayer:
    from copilot.knowledge.embedder import Embedder
    from copilot.settings import Settings

    return SemanticLayer(Embedder(Settings().model_path()).embed_documents)


@pytest.fixture(scope="module")
def flags(policy) -> set[str]:
    return {trigger.name for trigger in policy.urgent.triggers}


@pytest.fixture(scope="module")
def meaning(layer, flags) -> UrgentMeaning:
    return UrgentMeaning(layer, UrgentBank.load(), flags)


class Recording:
    """The multilingual embedder, recording what it is asked to embed."""

    def __init__(self) -> None:
        from copilot.knowledge.multilingual import MultilingualEmbedder

        self.model = MultilingualEmbedder()
        self.asked: list[str] = []

    def __call__(self, texts):
        self.asked += texts
        return self.model.embed_documents(texts)


@pytest.fixture(scope="module")
def multilingual() -> Recording:
    return Recording()


@pytest.fixture(scope="module")
def reading_all(layer, flags, multilingual) -> UrgentMeaning:
    return UrgentMeaning(layer, UrgentBank.load(), flags, multilingual)


@pytest.fixture(scope="module")
def detecting_all(policy, reading_all) -> UrgentDetector:
    """The detector as the copilot wires it: patterns, MiniLM and the multilingual reader."""
    return UrgentDetector(policy.urgent, Negation.compile(policy.negation), reading_all)


def test_generated_red_flags_are_found_and_calm_questions_are_not(policy, meaning):
    """The trigger patterns alone find few of these wordings; with the meaning most, and no calm
    question is flagged by meaning."""
    generated = cases()
    patterns = UrgentDetector(policy.urgent, Negation.compile(policy.negation))
    both = UrgentDetector(policy.urgent, Negation.compile(policy.negation), meaning)
    urgent = [q for q, flag in generated if flag]
    calm = [q for q, flag in generated if flag is None]
    by_patterns = sum(patterns.detect(q) is not None for q in urgent)
    found = sum(both.detect(q) is not None for q in urgent)
    assert by_patterns < len(urgent) / 2  # the wordings are new to the patterns
    assert found >= 0.75 * len(urgent), f"{found} of {len(urgent)} red flags found"
    flagged_by_meaning = [q for q in calm if both.detect(q) and not patterns.detect(q)]
    assert flagged_by_meaning == []


def test_red_flags_in_other_languages_are_read_by_the_multilingual_model(policy, meaning,
                                                                        reading_all):
    """Lay words of other languages no trigger lists: MiniLM finds few of them, the multilingual
    model most, and it flags no calm line in those languages (a symptom denied, foreseen or
    over, a figure of speech, the language she speaks) that MiniLM left calm."""
    generated = other_language_cases()
    english_only = UrgentDetector(policy.urgent, Negation.compile(policy.negation), meaning)
    both = UrgentDetector(policy.urgent, Negation.compile(policy.negation), reading_all)
    urgent = [q for q, flag in generated if flag]
    calm = [q for q, flag in generated if flag is None]
    before = sum(english_only.detect(q) is not None for q in urgent)
    found = sum(both.detect(q) is not None for q in urgent)
    assert before <= len(urgent) / 4
    assert found >= 0.8 * len(urgent), f"{found} of {len(urgent)} red flags found"
    assert [q for q in calm if both.detect(q) and not english_only.detect(q)] == []


@pytest.mark.parametrize("line", [
    "a paciente disse que está com uma dor de barriga insuportável desde cedo",
    "bụng chị ấy đau không chịu nổi từ hôm qua",
    "お腹の痛みがひどくて立ち上がれないと言っています",
    "brzuch boli ją nie do wytrzymania od wczoraj",
])
def test_pain_past_bearing_in_other_languages_is_read_as_severe(detecting_all, line):
    """Pain she cannot bear, in lay words of other languages: about as near one calm line as
    its nearest red-flag exemplar, and nearer the red flag's exemplars taken together than the
    calm lines nearest it (each side the mean of its own closest few)."""
    found = detecting_all.detect(line)
    assert found is not None and "severe abdominal pain or bloating" in found.reasons


@pytest.mark.parametrize("question", [
    "which form is the hipaa release again? totally blanked",
    "what's the late cancel fee? brb",
    "transfer to billing is which option? yikes",
    "pt wants a callback tmrw. welp",
])
def test_a_word_or_two_of_chat_is_not_read_as_another_language(detecting_all, question):
    """An agent's aside after her question ("brb", "yikes") is too short to tell its language:
    read as English, it is no red flag."""
    assert detecting_all.detect(question) is None


def test_english_questions_are_not_read_by_the_multilingual_model(policy, reading_all,
                                                                 multilingual):
    detector = UrgentDetector(policy.urgent, Negation.compile(policy.negation), reading_all)
    asked = len(multilingual.asked)
    for question, _ in cases():
        detector.detect(question)
    assert multilingual.asked[asked:] == []
    detector.detect("ওর প্রচুর রক্তপাত হচ্ছে, থামছে না")  # ... and a line in Bengali is
    assert multilingual.asked[asked:] == ["ওর প্রচুর রক্তপাত হচ্ছে, থামছে না"]


def test_the_reader_of_other_languages_is_loaded_before_its_first_question(policy, layer, flags):
    """A serving process loads it in the background: the first question in another language
    then embeds itself alone, not the exemplars too."""
    recording = Recording()
    reader = UrgentMeaning(layer, UrgentBank.load(), flags, recording)
    checker = ClaimsChecker(policy)
    checker.urgent_detector = UrgentDetector(policy.urgent, Negation.compile(policy.negation),
                                             reader)
    checker.read_other_languages_now()
    exemplars = list(recording.asked)
    assert len(exemplars) > 10
    notice = checker.urgent("ওর প্রচুর রক্তপাত হচ্ছে, থামছে না")
    assert notice is not None
    assert recording.asked[len(exemplars):] == ["ওর প্রচুর রক্তপাত হচ্ছে, থামছে না"]


@pytest.mark.parametrize("wording", PASSIVE_SELF_HARM)
@pytest.mark.parametrize("context", ["{}", "in tears, {}", "{} - what do i say"])
def test_every_wish_to_be_gone_is_found(checker_with_meaning, wording, context):
    """Thoughts of suicide said without a word of dying are all found, not three in four: a
    sentence this far from every calm line is read with the lower ``far_floor``."""
    notice = checker_with_meaning.urgent(context.format(wording))
    assert notice is not None and "self-harm" in notice.reasons


@pytest.mark.parametrize(("question", "flag"), [
    ("she is soaking pad after pad", "heavy bleeding"),
    ("husband says she can hardly catch any air", "shortness of breath"),
    ("she went down on the floor and won't come round", "fainting"),
])
def test_the_red_flag_is_named_by_the_policy(checker_with_meaning, question, flag):
    notice = checker_with_meaning.urgent(question)
    assert notice is not None and flag in notice.reasons
    assert notice.text == checker_with_meaning.policy.urgent.text


@pytest.mark.parametrize(("question", "flag"), [
    # told by what the caller sees, not by its name
    ("husband says out of nowhere she's mixing up her words and can't tell him what year it is",
     "seizure or sudden confusion"),
    ("pt fell down and had a fit, arms twitching, now confused", "seizure or sudden confusion"),
    ("her lips look blue and she's panting", "shortness of breath"),
])
def test_a_red_flag_told_by_what_it_looks_like_is_found(checker_with_meaning, question, flag):
    notice = checker_with_meaning.urgent(question)
    assert notice is not None and flag in notice.reasons


@pytest.mark.parametrize(("question", "flag"), [
    # a red flag between who is calling and what else is asked
    ("caller's roommate phoned, she is soaked in blood since this morning, roommate is not on "
     "the form", "heavy bleeding"),
    ("partner called in, she says life isnt worth it anymore, also billing q", "self-harm"),
    ("her mom called, she keeps saying she wants to be gone for good and asked about the refund",
     "self-harm"),
    # abdominal pain so bad she cannot walk, stand or move (typed without the apostrophe too)
    ("her lower belly has been hurting since the retrieval and she cant even stand up to get "
     "the door", "severe abdominal pain or bloating"),
    ("pt says her stomache is killing her, two days after the egg pickup, she can barely walk "
     "to the kitchen", "severe abdominal pain or bloating"),
    # what she sees rather than what she weighs; stroke signs in lay words
    ("after the egg pickup her skirt would not zip this morning, it fit fine two days ago",
     "rapid weight gain"),
    ("out of nowhere the worst headache ever, and now her left hand feels dead and her words "
     "come out jumbled", "seizure or sudden confusion"),
])
def test_a_red_flag_among_other_clauses_is_found(checker_with_meaning, question, flag):
    notice = checker_with_meaning.urgent(question)
    assert notice is not None and flag in notice.reasons


@pytest.mark.parametrize("question", [
    "she cant make friday, and wants a video visit instead",
    "she doesnt want the card fee, can she pay by check",
    # a clause that tells of someone else is not read by meaning either
    "her puppy is bleeding from his ear, she wants to move her appt",
    # a side effect of treatment that is no red flag
    "her breasts ache since the progesterone started, she wants the refill price",
    "she has a sore bruise where she does her injections and wants to know which side to use",
    # a measure read under its threshold decides: no red flag by meaning either
    "she put on 1 lb since yesterday, stim day 6, wants her bloodwork time",
    "she was 58.0 kg yesterday, 58.4 today after the retrieval, needs a parking pass",
    # a red flag the question names and denies is no red flag by meaning either
    "no shortness of breath and no chest pain, she only needs her transfer time",
    # ... nor one foreseen: an "if" clause of a sentence asking what to do then
    "if her belly swells up like a balloon after the retrieval, who should she call?",
    # ... nor a form's wording quoted, nor one asked about as a side effect in general
    "the intake packet has a box for 'trouble breathing' - she never had that, skip it?",
    "el formulario menciona 'fiebre alta' como riesgo, ¿lo firma antes de la visita?",
    "are hot flashes and fainting known side effects of lupron? she is fine, just curious",
    # ... nor a red flag over: long ago (in Polish too) or seen and sent home the same day
    "cztery lata temu miała wysoką gorączkę po zabiegu, czy to ważne do formularza?",
    "she was in the ER last month with a bad headache, discharged same day, wants a work note",
    # ... nor a fee or a rule she asks to avoid or says should not count: no wish to be gone
    "pt is rebooking her follow-up for tomorrow. she says the switch shouldn't count",
    "paying her egg freezing balance by credit card. she asked how to avoid it",
    # ... nor what to do before a procedure: eating, a ride home
    "she is retrieving on monday, can she eat a little something before?",
])
def test_calm_questions_of_several_clauses_stay_calm(checker_with_meaning, question):
    assert checker_with_meaning.urgent(question) is None


@pytest.fixture(scope="module")
def checker_with_meaning(policy, layer) -> ClaimsChecker:
    return ClaimsChecker(policy, embed=layer.embed)


def test_a_pattern_match_needs_no_meaning(policy, meaning):
    class Unused(UrgentMeaning):
        def __init__(self):  # never embeds anything
            pass

        def red_flags(self, sentences):
            raise AssertionError("a trigger pattern matched: the meaning is not asked")

    notice = UrgentDetector(policy.urgent, Negation.compile(policy.negation),
                            Unused()).detect("she has chest pain")
    assert notice is not None and notice.reasons == ["chest pain"]


def test_exemplars_must_name_the_policy_red_flags(layer, flags):
    bank = UrgentBank.load()
    renamed = bank.model_copy(update={"red_flags": {"sore toe": ["her toe hurts"]}})
    with pytest.raises(ValueError, match="sore toe"):
        UrgentMeaning(layer, renamed, flags)
