"""Start-up configuration: clear sentences for bad settings, a production that passes --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

CHECKOUT = Path(__file__).resolve().parents[2]
IMPULSREGION = Path(sys.executable).parent / "impulsregion"


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("IMPULSREGION_", "DATABASE_URL", "DJANGO_"))
    }
    environment.update(env)
    return subprocess.run(
        [str(IMPULSREGION), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_unknown_database_scheme_stops_with_one_sentence(tmp_path: Path) -> None:
    result = run_cli("check", DATABASE_URL="mysql2://db/x", IMPULSREGION_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "impulsregion: configuration error: DATABASE_URL must start with sqlite:// or postgres://, "
        "not 'mysql2' (got 'mysql2://db/x')."
    )


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    result = run_cli(
        "check", IMPULSREGION_ENVIRONMENT="production", IMPULSREGION_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "impulsregion: configuration error: IMPULSREGION_SECRET_KEY is not set: "
        "production refuses to start without a secret key."
    )


PRODUCTION = {
    "IMPULSREGION_ENVIRONMENT": "production",
    "IMPULSREGION_SECRET_KEY": "k" * 20
    + "-production-grade-secret-with-enough-entropy-"
    + "x9Q2" * 5,
    "IMPULSREGION_ALLOWED_HOSTS": "impulsregion.de",
}


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    collected = run_cli(
        "collectstatic", "--no-input", "-v", "0", IMPULSREGION_VAR_DIR=str(tmp_path), **PRODUCTION
    )
    result = run_cli(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        IMPULSREGION_VAR_DIR=str(tmp_path),
        **PRODUCTION,
    )
    assert collected.returncode == 0, collected.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_check_fails_when_static_files_are_not_collected(tmp_path: Path) -> None:
    result = run_cli("check", "--deploy", IMPULSREGION_VAR_DIR=str(tmp_path), **PRODUCTION)

    assert result.returncode == 1
    assert "The static files are not collected" in result.stderr
    assert "impulsregion upgrade" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path: Path) -> None:
    result = run_cli(
        "check",
        IMPULSREGION_VAR_DIR=str(tmp_path),
        **{**PRODUCTION, "IMPULSREGION_SECRET_KEY": "geheim"},
    )

    assert result.returncode == 2
    assert "IMPULSREGION_SECRET_KEY is too weak (6 characters)" in result.stderr


def test_development_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    run_cli("check", IMPULSREGION_VAR_DIR=str(tmp_path))
    first = (tmp_path / "secret_key").read_text()
    run_cli("check", IMPULSREGION_VAR_DIR=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == first
    assert len(first) >= 50


def test_unreachable_database_is_reported_without_traceback(tmp_path: Path) -> None:
    result = run_cli(
        "migrate",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        IMPULSREGION_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 2
    assert result.stderr.startswith("impulsregion: the database cannot be reached or used:")
    assert "Traceback" not in result.stderr
