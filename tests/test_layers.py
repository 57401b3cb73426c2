"""The packages' layers: a module imports only from its own package or from a lower layer, so that
the house reads one way (shell -> service -> runtime components) and has no import cycles."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Lowest first. ``guardrails`` stands alone (usable without the copilot); packages in one layer
# do not import each other.
LAYERS = [
    {"guardrails"},
    {"settings"},
    {"knowledge"},
    {"answer"},
    {"audit", "auth", "evals"},
    {"runtime"},
    {"services"},
    {"web", "commands"},
    {"cli"},
]
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}


def package_of(module: str) -> str | None:
    """``copilot.answer.chain`` -> ``answer``; ``guardrails.semantic`` -> ``guardrails``."""
    parts = module.split(".")
    if parts[0] == "guardrails":
        return "guardrails"
    if parts[0] == "copilot" and len(parts) > 1:
        return parts[1]
    return None


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def upward_imports() -> list[str]:
    wrong = []
    for path in sorted([*ROOT.glob("copilot/*/**/*.py"), *ROOT.glob("copilot/*.py"),
                        *ROOT.glob("guardrails/**/*.py")]):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        source = package_of(module.removesuffix(".__init__"))
        if source is None:  # the ``copilot`` package's own __init__: the offline environment
            continue
        for imported in imports(path):
            target = package_of(imported)
            if target is None or target == source:
                continue
            if source == "guardrails" or RANK[target] >= RANK[source]:
                wrong.append(f"{module} imports {imported}")
    return wrong


def test_every_package_has_a_layer():
    packages = {p.name for p in (ROOT / "copilot").iterdir()
                if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in (ROOT / "copilot").glob("*.py") if p.stem != "__init__"}
    assert packages | modules | {"guardrails"} <= set(RANK)


def test_no_module_imports_from_its_own_layer_or_above():
    assert upward_imports() == []


def test_an_upward_import_is_found(tmp_path, monkeypatch):
    """The check can fail: a knowledge module importing the answer chain is reported."""
    fake = tmp_path / "copilot" / "knowledge"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from copilot.answer.chain import Copilot\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert upward_imports() == ["copilot.knowledge.bad imports copilot.answer.chain"]
