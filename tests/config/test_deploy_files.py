"""The files of deploy/ stay valid and complete: nginx accepts the site, systemd accepts the
units, and the env example names every variable the settings and the production server read."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.domain  # files and programs only, no database

CHECKOUT = Path(__file__).resolve().parents[2]
DEPLOY = CHECKOUT / "deploy"
CONFIG = CHECKOUT / "src" / "impulsregion" / "config"
NGINX = Path("/usr/sbin/nginx")
VARIABLE = re.compile(r"(?:IMPULSREGION_[A-Z0-9_]+|DATABASE_URL)")


def _variables_read_by(path: Path) -> set[str]:
    """Names in the module's table (its docstring) and every string literal that is one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set(re.findall(r"``(" + VARIABLE.pattern + r")``", ast.get_docstring(tree) or ""))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(VARIABLE.findall(node.value) if VARIABLE.fullmatch(node.value) else ())
    return names


def _variables_of_env_example() -> set[str]:
    text = (DEPLOY / "impulsregion.env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?(" + VARIABLE.pattern + r")=", text, flags=re.MULTILINE))


def test_env_example_names_every_variable_of_settings_and_server() -> None:
    read = _variables_read_by(CONFIG / "settings.py") | _variables_read_by(CONFIG / "gunicorn.py")
    example = _variables_of_env_example()

    assert "IMPULSREGION_WEB_FORWARDED_ALLOW_IPS" in read
    assert sorted(read - example) == [], "add these to deploy/impulsregion.env.example"
    assert sorted(example - read) == [], "these are read nowhere: remove them from the example"


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=impulsregion.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_nginx_accepts_the_site(tmp_path: Path) -> None:
    if not NGINX.exists():
        pytest.fail(
            f"{NGINX} is missing: the nginx site in deploy/nginx is checked with Debian's nginx "
            "(apt-get install -y nginx-light)."
        )
    cert, key = _self_signed_certificate(tmp_path)
    site = (DEPLOY / "nginx" / "impulsregion.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/letsencrypt/live/impulsregion.de/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/impulsregion.de/privkey.pem", str(key))
    site = site.replace("/var/cache/nginx/impulsregion", str(tmp_path / "cache"))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        f"  include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )

    result = subprocess.run(
        [str(NGINX), "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert (result.returncode, result.stderr) == (0, "")


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is missing: the units are checked with Debian's systemd.")
    units = sorted((DEPLOY / "systemd").iterdir())
    # the units name the installed program; here it is this checkout's
    program = str(Path(sys.executable).parent / "impulsregion")
    for unit in units:
        text = unit.read_text(encoding="utf-8")
        (tmp_path / unit.name).write_text(
            text.replace("/opt/impulsregion/.venv/bin/impulsregion", program), encoding="utf-8"
        )
    (tmp_path / "impulsregion-worker@1.service").write_text(
        (tmp_path / "impulsregion-worker@.service").read_text(encoding="utf-8"), encoding="utf-8"
    )
    checked = [
        str(p) for p in sorted(tmp_path.iterdir()) if p.name != "impulsregion-worker@.service"
    ]

    result = subprocess.run(
        [analyze, "verify", *checked], capture_output=True, text=True, check=False, cwd=tmp_path
    )

    # systemd-analyze reports unknown keys and bad values on stderr but exits 0
    assert (result.returncode, result.stderr) == (0, "")
    assert [u.name for u in units] == [
        "impulsregion-backup.service",
        "impulsregion-backup.timer",
        "impulsregion-scheduler-once.service",
        "impulsregion-scheduler-once.timer",
        "impulsregion-scheduler.service",
        "impulsregion-web.service",
        "impulsregion-worker@.service",
        "impulsregion-workers.target",
    ]


def test_web_unit_stops_after_the_graceful_timeout() -> None:
    unit = (DEPLOY / "systemd" / "impulsregion-web.service").read_text(encoding="utf-8")
    stop = int(re.search(r"^TimeoutStopSec=(\d+)$", unit, flags=re.MULTILINE)[1])  # type: ignore[index]
    graceful = re.search(
        r"^# IMPULSREGION_WEB_GRACEFUL_TIMEOUT=(\d+)$",
        (DEPLOY / "impulsregion.env.example").read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )

    assert graceful is not None
    assert stop > int(graceful[1])
    assert "ExecReload=/bin/kill -HUP $MAINPID" in unit
