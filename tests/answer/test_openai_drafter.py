"""The ``openai`` drafter over real HTTP against the fake OpenAI-compatible server.

The server stands in for the one edge we cannot reach (a model); everything else is real. Its
drafts are the kinds a small model writes: uncited statements, another service's price, a
superseded time, invented policy, and a correct paraphrase that must survive.
"""

from __future__ import annotations

import json

import pytest

from tests.fake_model import Reply, model_copilot
from tests.support import free_port


@pytest.fixture(scope="module")
def openai_copilot(runtime, model_server):
    return model_copilot(runtime, model_server, timeout_s=1.0)


def test_a_good_draft_passes_with_its_citations(openai_copilot, model):
    model.scripts["promos"] = Reply(
        "There are two promotional consultations: the $99 promotional virtual consultation "
        "and the $299 promotional in-office consultation with fertility assessment [1]."
    )
    result = openai_copilot.ask("what promos do we have for new patients")
    assert result.drafter == "openai" and result.verdict == "pass"
    assert "$99" in result.answer and "[1]" in result.answer
    assert len(result.citations) == 1
    sent = model.requests[-1]
    assert sent["max_tokens"] > 0  # honoured by llama.cpp, unlike max_completion_tokens
    prompt = " ".join(m["content"] for m in sent["messages"])
    assert "Sources:" in prompt and "[1]" in prompt
    # whom to ask comes from the documents, as in the "not covered" answer
    system = sent["messages"][0]["content"]
    assert "should ask the Call Center Supervisor at (555) 010-0180." in system
    assert "worked examples" in system  # what is written for staff is not read out


def test_bad_statements_are_removed_and_the_paraphrase_stays_cited(openai_copilot, model):
    model.scripts["how much is fet"] = Reply(
        "A frozen embryo transfer costs $4,200 per transfer [4]. "
        "Medications are not included [1]. "
        "We never give refunds for medical services. "
        "PGT-A on the transferred embryo is also $4,200 [1]."
    )
    result = openai_copilot.ask("how much is FET")
    assert result.drafter == "openai" and result.verdict == "revised"
    assert "A frozen embryo transfer costs $4,200 per transfer." in result.answer
    assert "refund" not in result.answer.lower() and "PGT-A" not in result.answer
    # The paraphrase is cited to a passage that says it, whatever marker the model wrote.
    marker = int(result.answer.split("per transfer.")[1].split("[")[1].split("]")[0])
    assert "4,200" in result.citations[marker - 1].snippet
    assert any("no retrieved document supports" in note for note in result.notes)


def test_another_services_price_and_a_wrong_package_never_reach_the_agent(
    openai_copilot, model, runtime
):
    model.scripts["multi cycle"] = Reply(
        "Yes, we have multi-cycle IVF packages [1]. "
        "A package of 2 retrievals is $37,000 [1]. "
        "PGT-A testing for the package is $4,200 [2]."
    )
    result = openai_copilot.ask("do we have multi cycle ivf packages")
    assert "$37,000" not in result.answer.split("3 retrievals")[0]
    assert "2 retrievals is $37,000" not in result.answer
    assert "$4,200" not in result.answer
    assert result.verdict in {"revised", "blocked"}
    assert runtime.checker.check(result.answer).verdict == "pass"


def test_a_superseded_time_is_corrected_to_the_current_one(openai_copilot, model):
    model.scripts["friday afternoon"] = Reply(
        "Yes, Dr. Bell's Friday virtual block still runs from 1:00 PM to 5:00 PM [1]."
    )
    result = openai_copilot.ask("is dr bell's friday afternoon virtual block still running")
    assert "1:00 PM to 5:00 PM" not in result.answer
    assert "9:00 AM – 12:00 PM" in result.answer
    assert result.verdict == "revised" and result.citations
    assert any("newer document" in note for note in result.notes)


def test_an_uncited_correct_answer_gets_its_citation(openai_copilot, model):
    model.scripts["virtual promo"] = Reply("The promotional virtual consultation is $99.")
    result = openai_copilot.ask("how much is the virtual promo consult")
    assert result.verdict == "pass" and result.answer.endswith("[1]")
    assert "$99" in result.citations[0].snippet


def test_a_draft_with_nothing_backed_falls_back_to_the_documents(openai_copilot, model):
    model.scripts["how much is fet"] = Reply(
        "Returning patients get a loyalty discount of 10% on every transfer [1]. "
        "Parking is free at both offices [2]. Our doctors also see patients on Sundays [1]."
    )
    result = openai_copilot.ask("how much is FET")
    assert result.verdict == "blocked" and result.drafter == "grounded"
    assert "loyalty" not in result.answer and "Sunday" not in result.answer
    assert "$4,200" in result.answer and result.citations
    assert "not backed by the clinic's documents" in result.fallback_reason
    assert any(note.startswith("Answered from the documents") for note in result.notes)


def test_a_free_consultation_claim_never_reaches_the_agent(openai_copilot, model, runtime):
    model.scripts["first consult free"] = Reply(
        "Good news: the first consultation is free [1]. "
        "After that, the in-office visit is $299 [2]."
    )
    result = openai_copilot.ask("is the first consult free")
    assert result.verdict in {"revised", "blocked"}
    assert "consultation is free" not in result.answer
    assert runtime.checker.check(result.answer).verdict == "pass"


def test_phi_is_not_sent_to_the_model(openai_copilot, model):
    model.scripts["virtual promo"] = Reply("The promotional virtual consultation is $99 [1].")
    openai_copilot.ask("Maria Delgado dob 04/12/1988 asking about the virtual promo")
    prompt = json.dumps(model.requests[-1])
    assert "Delgado" not in prompt and "1988" not in prompt


def test_a_hanging_endpoint_falls_back_and_the_answer_says_so(openai_copilot, model):
    model.scripts["how much is fet"] = Reply("A frozen embryo transfer is $4,200 [1].",
                                             delay_s=5.0)  # longer than the 1 s timeout
    result = openai_copilot.ask("how much is FET")
    assert result.drafter == "grounded"
    assert result.fallback_reason == "the model did not answer in 1 s"
    assert "Answered from the documents: the model did not answer in 1 s." in result.notes
    assert "$4,200" in result.answer


def test_an_unreachable_endpoint_falls_back_too(runtime):
    derived = runtime.derive(
        drafter="openai", openai_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout_s=1.0
    )
    result = derived.copilot.ask("how much is FET")
    assert result.drafter == "grounded" and "model endpoint failed" in result.fallback_reason
    assert result.citations


def test_a_question_with_no_draft_names_no_drafter(openai_copilot, model):
    result = openai_copilot.ask("what's the wifi password in the lobby")
    assert not model.requests and result.drafter == "none"


def test_the_fake_model_fails_loudly_on_an_unscripted_question(openai_copilot, model):
    openai_copilot.ask("how much is FET")
    assert model.unscripted == ["how much is FET"]
    with pytest.raises(AssertionError, match="unscripted"):
        model.assert_scripted()
    model.unscripted.clear()
