"""Compare facts across live documents and report contradictions with both locations.

Archived documents are history and are never compared. Superseded documents are still in the
live folder, so they are compared (a content owner should archive or fix them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from copilot.answer.text import tokenize
from copilot.evals.consistency import extract
from copilot.evals.consistency.model import DocInfo, Fact, Finding
from guardrails.markdown import Block, by_line, read_file, walk

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class LintDocument:
    """A document's metadata and its lines (file lines for Markdown, page lines for PDF)."""

    info: DocInfo
    lines: tuple[Block, ...]


def _is_update(info: DocInfo) -> bool:
    return info.category.lower() in {"update", "updates"}


def _newest(docs: Iterable[DocInfo]) -> DocInfo:
    """Dated update notes win over other pages; then the newest ``last_updated``."""
    return max(docs, key=lambda d: (_is_update(d), d.last_updated or "", d.source))


def _current_by_doc(facts: Iterable[Fact]) -> dict[str, dict[str, list[Fact]]]:
    """key -> source -> current facts."""
    table: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        if fact.current:
            table[fact.key][fact.location.source].append(fact)
    return table


def value_conflicts(
    facts: Sequence[Fact], infos: dict[str, DocInfo], kind: str, describe
) -> list[Finding]:
    """For each key stated in several documents: every document whose current values share
    nothing with the newest document's values is reported against that document."""
    findings = []
    for key, by_source in sorted(_current_by_doc(facts).items()):
        if len(by_source) < 2:
            continue
        reference = _newest(infos[s] for s in by_source)
        expected = {f.value for f in by_source[reference.source]}
        for source, stated in sorted(by_source.items()):
            if source == reference.source or {f.value for f in stated} & expected:
                continue
            newer_update = _is_update(reference) and (
                (infos[source].last_updated or "") <= reference.last_updated
            )
            finding_kind = f"{kind}_contradicted_by_update" if newer_update else f"{kind}_conflict"
            findings.append(
                Finding(
                    kind=finding_kind,
                    subject=key,
                    message=(
                        f"{key}: {source} says {describe(stated)}, but "
                        f"{'the newer update ' if newer_update else ''}{reference.source} "
                        f"({reference.last_updated or 'undated'}) says "
                        f"{describe(by_source[reference.source])}"
                    ),
                    first=stated[0].location,
                    second=by_source[reference.source][0].location,
                )
            )
    return findings


def _prices(facts: Sequence[Fact]) -> str:
    return " / ".join(f"${int(v):,}" for v in sorted({f.value for f in facts}, key=int))


def _blocks(facts: Sequence[Fact]) -> str:
    return " / ".join(extract.format_range(v) for v in sorted({f.value for f in facts}))


def withdrawn_offers(facts: Sequence[Fact], infos: dict[str, DocInfo]) -> list[Finding]:
    """Documents still offering a priced promotion that another document says was withdrawn."""
    findings = []
    by_key: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_key[fact.key].append(fact)
    for key, mentions in sorted(by_key.items()):
        withdrawals = [f for f in mentions if f.withdrawn]
        if not withdrawals:
            continue
        evidence = min(
            withdrawals,
            key=lambda f: (not _is_update(infos[f.location.source]),
                           infos[f.location.source].last_updated or "9999"),
        )
        offering: dict[str, list[Fact]] = defaultdict(list)
        for fact in mentions:
            if fact.current and fact.location.source != evidence.location.source:
                offering[fact.location.source].append(fact)
        for source, stated in sorted(offering.items()):
            status = infos[source].status
            findings.append(
                Finding(
                    kind="withdrawn_offer_still_stated",
                    subject=key,
                    message=(
                        f"{source} ({status}) still presents the {key} "
                        f"({len(stated)} mention(s)); {evidence.location.source} withdraws it"
                    ),
                    first=stated[0].location,
                    second=evidence.location,
                )
            )
    return findings


def _words(item: str) -> frozenset[str]:
    return frozenset(tokenize(item.replace("'s", "")))


def rule_conflicts(facts: Sequence[Fact]) -> list[Finding]:
    """An item one document allows that another forbids, on a shared topic (e.g. voicemail).

    Items match when the words of the shorter one (two or more) are all in the longer one:
    "The patient's name" (forbidden) covers "Patient's first name" (allowed)."""
    findings = []
    allowed = [f for f in facts if f.current]
    forbidden = [f for f in facts if not f.current]
    seen: set[tuple[str, str]] = set()
    for yes in allowed:
        for no in forbidden:
            if yes.location.source == no.location.source:
                continue
            if not set(yes.key.split()) & set(no.key.split()):
                continue
            a, b = _words(yes.value), _words(no.value)
            small, large = sorted((a, b), key=len)
            pair = (yes.location.source, no.location.source)
            if len(small) < 2 or not small <= large or (pair + (yes.value,)) in seen:
                continue
            seen.add(pair + (yes.value,))
            findings.append(
                Finding(
                    kind="rule_conflict",
                    subject=" ".join(sorted(set(yes.key.split()) & set(no.key.split()))),
                    message=(
                        f"{yes.location.source} allows {yes.value!r}, but "
                        f"{no.location.source} does not allow {no.value!r}"
                    ),
                    first=yes.location,
                    second=no.location,
                )
            )
    return findings


def lint_documents(documents: Sequence[LintDocument]) -> list[Finding]:
    """All findings for a set of live (non-archived) documents."""
    infos = {d.info.source: d.info for d in documents}
    facts: dict[str, list[Fact]] = defaultdict(list)
    for doc in documents:
        source = doc.info.source
        facts["price"] += extract.price_facts(doc.lines, source)
        facts["schedule"] += extract.schedule_facts(doc.lines, source)
        facts["offer"] += extract.offer_facts(doc.lines, source)
        facts["permission"] += extract.permission_facts(doc.lines, source)
    return [
        *value_conflicts(facts["price"], infos, "price", _prices),
        *value_conflicts(facts["schedule"], infos, "schedule", _blocks),
        *withdrawn_offers(facts["offer"], infos),
        *rule_conflicts(facts["permission"]),
    ]


def document_lines(doc, knowledge_dir: Path) -> tuple[Block, ...]:
    """Lines of a loaded ``Document``: the raw Markdown file (exact file line numbers) or the
    loader's page text (PDF and other formats, numbered per page)."""
    path = knowledge_dir / doc.source
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        blocks = read_file(path.read_text(encoding="utf-8"))
        return tuple(by_line(b for b in blocks if b.kind != "front_matter"))
    return tuple(by_line(b for page in doc.pages for b in walk(page.text, 1, page.number)))


def lint_knowledge(knowledge_dir: Path, max_bytes: int) -> list[Finding]:
    """Load the knowledge folder and lint every document that is not archived."""
    from copilot.knowledge.indexer import scan_knowledge
    from copilot.knowledge.model import ARCHIVED

    scan = scan_knowledge(knowledge_dir, max_bytes)
    documents = [
        LintDocument(
            DocInfo(d.source, d.title, d.category, d.last_updated, d.status),
            document_lines(d, knowledge_dir),
        )
        for d in scan.documents
        if d.status != ARCHIVED
    ]
    return lint_documents(documents)
