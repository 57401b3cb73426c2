"""The one strict YAML loader: every problem names the file, the line and the key."""

from __future__ import annotations

import pytest

from guardrails.data import DataFileError, StrictModel, load_model, parse_model


class Inner(StrictModel):
    words: list[str]


class Sample(StrictModel):
    name: str
    inner: Inner
    limit: int = 3


GOOD = "name: demo\ninner:\n  words: [a, b]\n"


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "sample.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_model(path, Sample) == Sample(name="demo", inner=Inner(words=["a", "b"]))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD + "colour: red\n", 4, "unknown key 'colour'"),
        (GOOD.replace("  words:", "  wrods:"), 3, "unknown key 'wrods' at inner.wrods"),
        (GOOD + "limit: many\n", 4, "limit: Input should be a valid integer"),
        (GOOD.replace("[a, b]", "[a, b"), 4, "invalid YAML"),
        ("- name: demo\n", 1, "Input should be a valid dictionary"),
    ],
)
def test_a_problem_names_the_file_the_line_and_the_key(tmp_path, text, line, words):
    path = tmp_path / "sample.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_model(path, Sample)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match="missing.yaml: cannot read"):
        load_model(tmp_path / "missing.yaml", Sample)


def test_extra_values_join_the_top_level_mapping():
    assert parse_model("name: demo\ninner: {words: []}\n", "x", Sample, limit=7).limit == 7
    with pytest.raises(DataFileError, match="x:1: the top level must be a mapping"):
        parse_model("[1, 2]\n", "x", Sample, limit=7)


def test_an_empty_text_is_an_empty_mapping():
    with pytest.raises(DataFileError, match="name: Field required"):
        parse_model("", "empty.yaml", Sample)
