"""The one Markdown reader: typed blocks with their heading path, table header and line number."""

from __future__ import annotations

from guardrails.markdown import QUESTION_LEVEL, by_line, read_file, split_front_matter, walk

DOC = """\
# Lakeview Front Desk

Opening words of a paragraph
that runs over two lines.

## Fees

| Service | Price |
|---|---|
| Thaw and transfer | $2,100 |

- Bring a photo ID
  and the referral letter.
- Arrive early.

> "Thanks for calling Lakeview."

**Can I pay in two parts?**
Yes, at the front desk.

```
| not a table |
# not a heading
```
---
"""


def kinds(text: str) -> list[str]:
    return [block.kind for block in walk(text) if block.kind != "blank"]


def test_blocks_come_typed_in_reading_order():
    assert kinds(DOC) == [
        "heading", "paragraph", "heading", "table_header", "table_rule", "table_row",
        "list_item", "list_item", "quote", "question", "paragraph", "code", "rule",
    ]


def test_a_paragraph_and_a_list_item_keep_their_continuation_lines():
    blocks = [b for b in walk(DOC) if b.kind in ("paragraph", "list_item")]
    assert blocks[0].lines == ("Opening words of a paragraph", "that runs over two lines.")
    assert blocks[1].text == "- Bring a photo ID\n  and the referral letter."
    assert blocks[2].text == "- Arrive early."


def test_table_rows_carry_their_cells_and_the_header():
    row = next(b for b in walk(DOC) if b.kind == "table_row")
    assert row.cells == ("Thaw and transfer", "$2,100")
    assert row.header == ("Service", "Price")
    assert row.column(1) == "Price" and row.column(5) == ""
    assert row.headings == ("Lakeview Front Desk", "Fees")


def test_rows_without_a_rule_line_are_rows_without_a_header():
    rows = list(walk("| Lakeview | Main St |\n| Riverside | Oak Ave |"))
    assert [(b.kind, b.header) for b in rows] == [("table_row", ()), ("table_row", ())]


def test_heading_path_and_line_numbers():
    blocks = list(walk(DOC, first_line=10, page=3))
    fees = next(b for b in blocks if b.kind == "heading" and b.path[-1].title == "Fees")
    assert (fees.number, fees.page, fees.path[-1].level) == (15, 3, 2)
    question = next(b for b in blocks if b.kind == "question")
    assert question.path[-1].level == QUESTION_LEVEL
    assert question.headings == ("Lakeview Front Desk", "Fees", "Can I pay in two parts?")
    code = next(b for b in blocks if b.kind == "code")
    assert len(code.lines) == 4  # nothing inside a fence is read as a table or a heading


def test_a_new_heading_closes_deeper_ones_and_a_page_continues_the_path():
    first = list(walk("# A\n\n## B\n\ntext"))
    assert first[-1].headings == ("A", "B")
    second = list(walk("more\n\n# C [link](x.md) **bold**", path=first[-1].path))
    assert second[0].headings == ("A", "B")
    assert second[-1].headings == ("C link bold",)


def test_a_quote_reads_without_its_marker_and_blocks_split_by_line():
    quote = next(b for b in walk(DOC) if b.kind == "quote")
    assert quote.content == '"Thanks for calling Lakeview."'
    paragraph = next(b for b in walk(DOC, first_line=5) if b.kind == "paragraph")
    assert [(b.number, b.text) for b in by_line([paragraph])] == [
        (7, "Opening words of a paragraph"), (8, "that runs over two lines."),
    ]


def test_front_matter_is_a_block_and_the_body_is_numbered_by_file_line():
    text = "---\ntitle: Fees\n---\n# Fees\n\nBody."
    blocks = list(read_file(text))
    assert blocks[0].kind == "front_matter" and blocks[0].lines == ("---", "title: Fees", "---")
    assert (blocks[1].kind, blocks[1].number) == ("heading", 4)
    assert next(read_file("# Only a body")).kind == "heading"


def test_split_front_matter_gives_the_body_and_the_line_it_starts_on():
    split = split_front_matter("---\ntitle: A\nowner: B\n---\n# Heading\nText\n")
    assert split.yaml == "title: A\nowner: B"
    assert split.body == "# Heading\nText\n" and split.body_line == 5
    dots = split_front_matter("---\ntitle: A\n...\nBody")
    assert (dots.yaml, dots.body, dots.body_line) == ("title: A", "Body", 4)
    for plain_text in ("# No front matter\n---\n", "---\ntitle: never closed\n"):
        split = split_front_matter(plain_text)
        assert (split.yaml, split.body, split.body_line) == (None, plain_text, 1)
