"""The production server as an administrator starts it: gunicorn, compressed pages, hashed
static files with long lifetimes, a health check, and a graceful reload on HUP."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e_support import CLI, free_port, wait_for_port

pytestmark = [pytest.mark.e2e]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **headers})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("IMPULSREGION_", "DATABASE_URL", "DJANGO_"))
        },
        "IMPULSREGION_ENVIRONMENT": "production",
        "IMPULSREGION_SECRET_KEY": "production-server-test-0123456789abcdefghijklmnopqrstuv",
        "IMPULSREGION_VAR_DIR": str(folder),
        "IMPULSREGION_WEB_WORKERS": "2",
    }
    subprocess.run([CLI, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    process = subprocess.Popen(
        [CLI, "serve", "--production", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "server.log").open("wb"),
    )
    try:
        wait_for_port(port, 90)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_pages_go_out_compressed_from_gunicorn(server) -> None:  # type: ignore[no-untyped-def]
    base, _process = server
    status, headers, body = _get(f"{base}/kalender/", **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Server"].startswith("gunicorn")
    assert headers["Content-Encoding"] == "gzip"
    assert "Kulturkalender" in gzip.decompress(body).decode()


def test_static_files_have_hashed_names_long_lifetimes_and_compressed_copies(server) -> None:  # type: ignore[no-untyped-def]
    base, _process = server
    page = _get(f"{base}/")[2].decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet is not None, "the page links no stylesheet with a hashed name"

    plain = _get(base + stylesheet.group(1))
    packed = _get(base + stylesheet.group(1), **{"Accept-Encoding": "br, gzip"})

    assert "immutable" in plain[1]["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", plain[1]["Cache-Control"]).group(1)) >= 365 * 86400  # type: ignore[union-attr]
    assert packed[1]["Content-Encoding"] in {"br", "gzip"}
    assert len(packed[2]) < len(plain[2])


def test_health_check_answers_over_plain_http(server) -> None:  # type: ignore[no-untyped-def]
    base, _process = server
    # a balancer asks the node by its address: a host name outside ALLOWED_HOSTS
    request = urllib.request.Request(f"{base}/healthz", headers={"Host": "10.0.0.7:8000"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert b'"database": "ok"' in response.read()


def test_hup_replaces_the_workers_without_dropping_the_site(server) -> None:  # type: ignore[no-untyped-def]
    base, process = server

    def workers() -> set[int]:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        return {int(pid) for pid in children}

    before = workers()
    process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (workers() & before or len(workers()) < 2):
        assert _get(f"{base}/kalender/")[0] == 200
        time.sleep(0.2)

    assert len(workers()) == 2
    assert not workers() & before, "the old workers are still there after HUP"
    assert _get(f"{base}/kalender/")[0] == 200
