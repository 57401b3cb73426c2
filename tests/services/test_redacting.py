"""The folder allow-list: current documents only, the YAML list alone without a folder."""

from __future__ import annotations

import shutil

from copilot.services.redacting import folder_allowlist
from tests.support import KNOWLEDGE, make_settings

CONTACTS = "quick-reference/contacts-and-extensions.md"


def test_the_current_documents_add_the_clinic_s_own_names(tmp_path):
    (tmp_path / "knowledge" / "quick-reference").mkdir(parents=True)
    shutil.copy(KNOWLEDGE / CONTACTS, tmp_path / "knowledge" / CONTACTS)
    known = folder_allowlist(make_settings(tmp_path / "data", knowledge_dir=tmp_path / "knowledge"))
    assert known.documents == 1
    assert "priya raman" in known.allowlist.terms


def test_archived_documents_add_nothing(tmp_path):
    (tmp_path / "knowledge" / "archive").mkdir(parents=True)
    shutil.copy(KNOWLEDGE / CONTACTS, tmp_path / "knowledge" / "archive" / "contacts.md")
    known = folder_allowlist(make_settings(tmp_path / "data", knowledge_dir=tmp_path / "knowledge"))
    assert known.documents == 0
    assert "priya raman" not in known.allowlist.terms


def test_without_a_folder_the_yaml_list_alone(tmp_path):
    known = folder_allowlist(make_settings(tmp_path / "data", knowledge_dir=tmp_path / "missing"))
    assert known.documents == 0
    assert "priya raman" not in known.allowlist.terms
