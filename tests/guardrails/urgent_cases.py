"""Generated questions for the urgent check by meaning: red flags in wordings the exemplar bank
does not use, in the contexts agents type them, and calm questions that mention a symptom."""

from __future__ import annotations

import random

RED_FLAGS = {
    "heavy bleeding": ["bleeding like a faucet", "blood is pouring out of her",
                       "she filled two pads in half an hour",
                       "she is passing clots the size of a fist",
                       "the bleeding will not slow down"],
    "shortness of breath": ["she can barely get air in", "she is gasping",
                            "her breathing is labored",
                            "she can't finish a sentence without stopping for breath",
                            "she feels like she is suffocating"],
    "severe abdominal pain or bloating": ["her belly is blown up like a balloon",
                                          "excruciating cramps in her lower stomach",
                                          "her stomach is rock hard and really painful",
                                          "she is puking nonstop and her belly keeps swelling"],
    "fever": ["she is burning up", "her temp is 102", "she is feverish and shaking all over",
              "she is running hot with chills"],
    "fainting": ["she keeled over at home", "she went limp and is not responding",
                 "she collapsed in the bathroom", "she has passed out twice today"],
    "chest pain": ["it feels like an elephant is sitting on her chest",
                   "a squeezing pain in the middle of her chest"],
    "seizure or sudden confusion": ["she is having convulsions",
                                    "she is suddenly confused and doesn't know where she is"],
    "self-harm": ["she doesn't see any reason to go on", "she wants to end it all"],
}
CONTEXTS = ["{}", "pt called, {}", "caller says {}", "husband on the line, {}",
            "{} since her retrieval yesterday", "{} - what do i do",
            "in the middle of a billing question she mentioned {}",
            # a red flag with another ask after it, in one sentence
            "{} and she wants to move her consult", "{}, her mom isn't on the release form"]
CALM = [
    "what is the fee if she cancels because she has a fever",
    "she had a fever last month but it is gone, wants to book a consult",
    "no bleeding and no pain, she is asking about the price of IVF",
    "she is breathless with excitement about her positive test",
    "mild bloating from the stim meds, can she still go to work",
    "she is dying to get started with treatment",
    "the wait for the consult is killing her",
    "she wants to know which symptoms mean she should call the nurse",
    "does insurance cover the ultrasound if she has cramps",
    "her mom passed out at the clinic years ago and she is nervous",
    "she is short of time and wants the quickest slot",
    "light spotting two days ago, stopped now, wants to know when to test",
    "can she exercise during stims or will it hurt",
    "she is worried the injections will hurt",
    "what do we tell a caller asking about our emergency contact policy",
    "she wants directions to the san mateo office",
    # a feeling, no symptom
    "the slot is gone, can I overbook her? she's extremely anxious",
    "she's very anxious",
]


def cases(seed: int = 7, per_flag: int = 8) -> list[tuple[str, str | None]]:
    """(question, red flag or None): every red-flag wording in a few seeded contexts, and the
    calm questions."""
    rng = random.Random(seed)
    found: list[tuple[str, str | None]] = []
    for flag, wordings in RED_FLAGS.items():
        for _ in range(per_flag):
            found.append((rng.choice(CONTEXTS).format(rng.choice(wordings)), flag))
    found += [(question, None) for question in CALM]
    return found
