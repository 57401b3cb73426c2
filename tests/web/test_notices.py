"""The PHI notice wording comes from ``phi_labels.yaml`` through the strict loader."""

from __future__ import annotations

import pytest

from copilot.web.notices import _LABELS_FILE, LabelNames, phi_notice
from guardrails.data import DataFileError, load_model


def test_labels_are_named_and_unknown_ones_are_other_details():
    assert phi_notice(["NAME", "NAME", "DOB", "NEW_KIND"]) == (
        "removed: 2 names, 1 date of birth, 1 other detail — patient details are not needed to "
        "answer"
    )
    assert phi_notice([]) == ""


def test_a_label_needs_both_forms(tmp_path):
    path = tmp_path / "phi_labels.yaml"
    path.write_text(_LABELS_FILE.read_text(encoding="utf-8") + "PET: [pet name]\n")
    with pytest.raises(DataFileError, match="PET"):
        load_model(path, LabelNames)
