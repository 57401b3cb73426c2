"""The process's components, each built once on first use: the one place that wires the copilot.

The CLI, the web app, the evals and the benchmarks all start from ``Runtime.from_settings``.
"""

from __future__ import annotations

from functools import cached_property

from pydantic import ValidationError

from copilot.settings import Settings

# Settings that point at another knowledge base or index: a derived runtime opens its own.
_INDEX_SETTINGS = {"knowledge_dir", "data_dir", "chroma_url", "collection_prefix"}


class Runtime:
    """Lazily built, cached components for one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        """The runtime for ``settings``; ``COPILOT_DRAFTER`` must name a registered drafter (a
        pydantic error here, at start-up, rather than at the first question)."""
        if settings.drafter not in _drafters():
            raise ValidationError.from_exception_data("Settings", [{
                "type": "value_error",
                "loc": ("drafter",),
                "input": settings.drafter,
                "ctx": {"error": ValueError(_unknown_drafter(settings.drafter))},
            }])
        return cls(settings)

    def derive(self, **updates) -> Runtime:
        """A runtime with some settings changed that shares the already loaded models, the
        redactor among them (what is safe comes per call from a generation), and the index,
        unless the change points at another knowledge base or index."""
        derived = Runtime(self.settings.model_copy(update=updates))
        shared = ["embedder", "multilingual", "policy", "vocabulary", "redactor"]
        if not updates.keys() & _INDEX_SETTINGS:
            shared += ["store", "snapshots"]
        for name in shared:
            if name in self.__dict__:
                derived.__dict__[name] = self.__dict__[name]
        return derived

    @cached_property
    def store(self):
        from copilot.knowledge.store import ChunkStore

        return ChunkStore.from_settings(self.settings)

    @cached_property
    def embedder(self):
        from copilot.knowledge.embedder import Embedder

        return Embedder(self.settings.model_path(), self.settings.embedding_batch_size)

    @cached_property
    def multilingual(self):
        """The embedder of many languages the urgent check reads other languages with."""
        from copilot.knowledge.multilingual import MultilingualEmbedder

        return MultilingualEmbedder()

    @cached_property
    def indexer(self):
        from copilot.knowledge.indexer import Indexer

        return Indexer(self.settings, self.store, lambda: self.embedder)

    @cached_property
    def policy(self):
        from guardrails import Policy

        return Policy.load()

    @cached_property
    def snapshots(self):
        from copilot.answer.snapshot_cache import SnapshotCache

        return SnapshotCache(self.store, self.policy, self.settings.index_refresh_seconds,
                             embed=self.embedder.embed_documents,
                             statement_vectors=self.statement_vectors,
                             embed_drafts=self.embedder.embed_close,
                             embed_multilingual=self.multilingual.embed_documents)

    @cached_property
    def statement_vectors(self):
        """The documents' statement vectors, kept on disk across generations and starts."""
        from copilot.knowledge.vector_cache import StatementVectors

        return StatementVectors(self.settings.vector_cache_path(), self.embedder.identity,
                                self.embedder.embed_documents)

    @property
    def checker(self):
        """The claims policy with the serving generation's price catalog."""
        return self.snapshots.get().checker

    @cached_property
    def redactor(self):
        """The PHI redactor; what is safe comes per call from the serving generation."""
        from guardrails import Redactor

        return Redactor.create()

    def redact(self, text: str):
        """Redact ``text`` with the allow-list of the generation being served now."""
        return self.redactor.redact(text, allowlist=self.snapshots.get().allowlist)

    @cached_property
    def tagger(self):
        """Parts of speech (spaCy's tagger): which of a question's words name its subject."""
        return self.redactor.tagger

    @cached_property
    def vocabulary(self):
        from copilot.answer.vocabulary import Vocabulary

        return Vocabulary.load(self.settings.abbreviations_file)

    @cached_property
    def instructions(self):
        """The input rail against prompt injection (``guardrails/instructions.yaml``)."""
        from guardrails.instructions import InstructionRail

        return InstructionRail.load()

    def drafter(self, name: str | None = None):
        """A drafter from the registry, configured from settings (default: ``settings.drafter``)."""
        from copilot.answer.drafters import Components, create

        name = name or self.settings.drafter
        if name not in _drafters():
            raise ValueError(_unknown_drafter(name))
        components = Components(vocabulary=self.vocabulary,
                                policy_rules=list(self.policy.rules.values()))
        return create(name, self.settings, components)

    def copilot_with(self, drafter_name: str | None = None):
        """A Copilot sharing this runtime's models, with the named drafter."""
        from copilot.answer.chain import Copilot
        from copilot.answer.retrieval import Retriever

        retriever = Retriever(
            self.store,
            self.embedder,
            self.vocabulary,
            self.settings.min_relevance,
            word_kinds=self.redactor.lexicon,  # general language, as the redactor knows it
            tagger=self.tagger,
            days=self.redactor.dates,  # the holidays it knows by name
        )
        return Copilot(
            redactor=self.redactor,
            retriever=retriever,
            snapshots=self.snapshots,
            drafter=self.drafter(drafter_name),
            fallback=self.drafter("grounded"),
            vocabulary=self.vocabulary,
            instructions=self.instructions,
            prompts_dir=self.settings.prompts_dir,
        )

    @cached_property
    def copilot(self):
        return self.copilot_with()

    @cached_property
    def audit(self):
        from copilot.audit import AuditStore

        return AuditStore.from_settings(self.settings)

    def warm(self) -> None:
        """Load the models and the index now (server start-up) rather than on the first question;
        every statement's verdict is then worked out in the background."""
        _ = self.copilot
        self.snapshots.screen_statements()
        self.embed_statements()

    def settle(self, timeout: float = 600.0) -> bool:
        """After ``warm``: wait until the serving generation's background work (every
        statement judged, the reader of other languages loaded) is done, as it is a few
        seconds after a server starts; benchmarks time answers from then on. False when it
        was not done within ``timeout`` seconds."""
        return self.snapshots.get().screened.wait(timeout)

    def embed_statements(self) -> None:
        """Have the vector of every statement of the serving generation at hand (the new ones
        are embedded, once; the cache keeps them for every later generation and start)."""
        self.snapshots.get().statements_embedded.wait()


def _drafters() -> dict:
    """The drafter registry, with every drafter module imported (each registers itself)."""
    import copilot.answer.drafters.grounded  # noqa: F401  (registers)
    import copilot.answer.drafters.openai  # noqa: F401  (registers)
    from copilot.answer.drafters import DRAFTERS

    return DRAFTERS


def _unknown_drafter(name: str) -> str:
    from copilot.answer.drafters import available

    _drafters()
    return f"unknown drafter {name!r}; available: {', '.join(available())}"
