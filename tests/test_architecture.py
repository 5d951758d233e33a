"""The import rules: app-level arrows between apps, and domain/ free of Django and models."""

import ast
import re
from graphlib import TopologicalSorter
from pathlib import Path

import pytest

pytestmark = pytest.mark.domain

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "impulsregion"
FORBIDDEN_PREFIXES = ("django", "ninja", "auditlog")

ALLOWED_ARROWS: dict[str, frozenset[str]] = {
    "common": frozenset(),
    "region": frozenset({"common"}),
    "calendar": frozenset({"common", "region"}),
    "planning": frozenset({"common", "region", "calendar"}),
    "transit": frozenset({"common", "region"}),
    "agreements": frozenset({"common", "region"}),
    "config": frozenset({"common", "region", "calendar", "planning", "transit", "agreements"}),
    "cli": frozenset(),
}
"""Which apps each app may import (docs/architecture.md, "The import rule"). ``cli`` is the
package's own top-level modules (cli.py, __main__.py)."""


def _package_of(path: Path) -> list[str]:
    """The dotted package a module of src/impulsregion lies in, as parts."""
    return ["impulsregion", *path.relative_to(PACKAGE).parent.parts]


def _imports(path: Path, package: list[str] | None = None) -> list[str]:
    """Every module `path` imports, at any depth (function bodies and TYPE_CHECKING blocks
    included); relative imports are resolved against `package` (default: where `path` lies)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                here = package if package is not None else _package_of(path)
                base = here[: len(here) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            if module == "impulsregion":
                names.extend(f"impulsregion.{alias.name}" for alias in node.names)
            elif module:
                names.append(module)
    return names


def _app_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "cli"


def _target_app(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "impulsregion" or len(parts) == 1:
        return None
    return "cli" if parts[1] in ("cli", "__main__") else parts[1]


def _arrow_violations(path: Path, app: str, package: list[str] | None = None) -> list[str]:
    allowed = ALLOWED_ARROWS.get(app, frozenset())
    return [
        f"{app} → {target}: {name}"
        for name in _imports(path, package)
        if (target := _target_app(name)) is not None and target != app and target not in allowed
    ]


def _domain_violations(path: Path) -> list[str]:
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


ALL_FILES = sorted(PACKAGE.glob("**/*.py"))
DOMAIN_FILES = sorted(PACKAGE.glob("**/domain/**/*.py"))


# --- app-level arrows ---------------------------------------------------------------------


def test_every_app_has_its_arrows_listed() -> None:
    assert {_app_of(path) for path in ALL_FILES} == set(ALLOWED_ARROWS)


def test_arrows_form_no_cycle_with_common_at_the_bottom_and_config_on_top() -> None:
    order = list(TopologicalSorter(ALLOWED_ARROWS).static_order())  # raises CycleError
    assert order[0] == "common"
    assert ALLOWED_ARROWS["config"] == set(ALLOWED_ARROWS) - {"config", "cli"}
    assert not any("config" in targets for targets in ALLOWED_ARROWS.values())


def test_arrows_match_the_documented_table() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)`[^|]*\| ([^|]*) \|$", text, flags=re.MULTILINE)
    documented = {app: frozenset(re.findall(r"`(\w+)`", targets)) for app, targets in rows}
    assert documented == ALLOWED_ARROWS


def test_no_app_imports_another_app_beyond_its_arrows() -> None:
    violations = [
        f"{path.relative_to(PACKAGE)}: {v}"
        for path in ALL_FILES
        for v in _arrow_violations(path, _app_of(path))
    ]
    assert violations == []


def test_arrow_rule_catches_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "admin.py"
    module.write_text(
        "from impulsregion.common.api import ApiError\n"
        "def predicate():\n"
        "    from impulsregion.region import rules\n"
        "    import impulsregion.config.api\n"
    )
    assert _arrow_violations(module, "common") == [
        "common → region: impulsregion.region",
        "common → config: impulsregion.config.api",
    ]


def test_arrow_rule_resolves_relative_imports(tmp_path: Path) -> None:
    module = tmp_path / "admin.py"
    module.write_text("from ..region import rules\nfrom . import api\nfrom .. import config\n")
    assert _arrow_violations(module, "common", ["impulsregion", "common"]) == [
        "common → region: impulsregion.region",
        "common → config: impulsregion.config",
    ]


# --- domain/ stays pure -------------------------------------------------------------------


def test_there_are_domain_modules_to_check() -> None:
    assert len(DOMAIN_FILES) >= 1


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_module_imports_neither_django_nor_models(path: Path) -> None:
    assert _domain_violations(path) == []


def test_rule_catches_a_django_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from django.db import models\nimport impulsregion.region.models\n")
    assert _domain_violations(module) == ["django.db", "impulsregion.region.models"]
