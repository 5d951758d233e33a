"""The import rule: domain/ modules stay free of Django and of our models."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.domain

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "impulsregion"
FORBIDDEN_PREFIXES = ("django", "ninja", "auditlog")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _violations(path: Path) -> list[str]:
    bad = []
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] in FORBIDDEN_PREFIXES:
            bad.append(name)
        elif parts[0] == "impulsregion" and "domain" not in parts:
            bad.append(
                name
            )  # models, services, views, …: only other domain/ modules may be imported
    return bad


DOMAIN_FILES = sorted(PACKAGE.glob("**/domain/**/*.py"))


def test_there_are_domain_modules_to_check() -> None:
    assert len(DOMAIN_FILES) >= 1


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_module_imports_neither_django_nor_models(path: Path) -> None:
    assert _violations(path) == []


def test_rule_catches_a_django_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from django.db import models\nimport impulsregion.region.models\n")
    assert _violations(module) == ["django.db", "impulsregion.region.models"]
