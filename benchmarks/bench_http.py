"""Speed over HTTP, as visitors meet it (issue 13): the production server beside the development
server, nginx serving the same bytes, and nginx's front cache; then the cluster under load.

For each data size (IMPULSREGION_BENCH_HTTP_EVENTS, default "10000,100000") on SQLite, or on
PostgreSQL when DATABASE_URL points there (a fresh database is made beside it per size):
- `/`, `/kalender/`, an event page: requests/s and p95 with wrk at -c16 (gunicorn, two
  workers; the development server; nginx's front cache in front of gunicorn; nginx serving the
  same bytes from disk);
- the iCalendar feed: warm, with a cache-busting parameter on every request, and 304 answers;
- the cluster (two nodes behind HAProxy, as scripts/cluster_test.py builds it, only with
  IMPULSREGION_BENCH_CLUSTER=1 and on PostgreSQL): -c16 for 60 s, errors, memory at start and end.

Run: .venv/bin/python benchmarks/run.py bench_http   (needs wrk and nginx: make system-bench)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from scripts.cluster_test import Cluster, visitor_paths  # noqa: E402
from tests.e2e_support import CLI, ThrowawayDatabase, free_port, wait_for_port  # noqa: E402

WRK = shutil.which("wrk") or "/usr/bin/wrk"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SECONDS = int(os.environ.get("IMPULSREGION_BENCH_HTTP_SECONDS", "10"))
# wrk prints the 95th percentile and the counts this script reads
P95_SCRIPT = """
local paths = {}
local n = 0
init = function(args) for i, a in ipairs(args) do paths[i] = a end end
request = function()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  path = path:gsub("{n}", tostring(n) .. tostring(math.random(1, 1000000)))
  return wrk.format(nil, path)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.1f %.1f %.1f %d %d\\n", summary.requests,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""
NGINX_CONFIG = """
daemon off;
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    default_type text/html;
    proxy_cache_path {folder}/cache levels=1:2 keys_zone=pages:10m max_size=1g inactive=10m;
    server {{
        listen 127.0.0.1:{static_port};
        root {folder}/bytes;
    }}
    server {{
        listen 127.0.0.1:{cache_port};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_cache pages;
            proxy_cache_key "$request_uri|$http_accept_language";
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            proxy_cache_revalidate on;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_bypass $cookie_sessionid;
        }}
    }}
}}
"""


def _env(database_url: str, var: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "IMPULSREGION_ENVIRONMENT": "production",
        "IMPULSREGION_SECRET_KEY": "bench-http-key-0123456789abcdefghijklmnopqrstuvwxyz0123",
        "IMPULSREGION_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "IMPULSREGION_VAR_DIR": str(var),
        "IMPULSREGION_WEB_WORKERS": "2",
        "IMPULSREGION_LOG_LEVEL": "WARNING",
        "IMPULSREGION_CACHE_URL": os.environ.get("IMPULSREGION_CACHE_URL", ""),
        "DJANGO_SETTINGS_MODULE": "impulsregion.config.settings",
    }


def wrk(
    port: int,
    paths: list[str],
    *,
    connections: int = 16,
    seconds: int = SECONDS,
    headers: dict[str, str] | None = None,
) -> dict[str, float]:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(P95_SCRIPT)
    argv = [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    for name, value in {"X-Forwarded-Proto": "https", **(headers or {})}.items():
        argv += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*argv, f"http://127.0.0.1:{port}", "--", *paths],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    script.unlink()
    requests, micros, p50, p95, p99, errors, bad = (
        float(x) for x in re.search(r"RESULT (.*)", output).group(1).split()
    )  # type: ignore[union-attr]
    return {
        "rps": requests / (micros / 1e6),
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": errors + bad,
    }


def line(label: str, figures: dict[str, float], target: str = "") -> None:
    suffix = f"  (target {target})" if target else ""
    print(
        f"  {label}: {figures['rps']:.0f} req/s, p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, "
        f"{figures['errors']:.0f} errors{suffix}",
        flush=True,
    )


def prepare(database_url: str, events: int, var: Path) -> None:
    env = _env(database_url, var)
    subprocess.run([CLI, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    code = (
        f"import sys; sys.path.insert(0, {str(CHECKOUT)!r})\n"
        "from impulsregion.region.services import load_region\n"
        "from benchmarks.bench_calendar_data import populate\n"
        f"load_region(); populate({events})\n"
    )
    subprocess.run([CLI, "shell", "-c", code], env=env, check=True)


def fresh_database(events: int) -> tuple[str, ThrowawayDatabase | None]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        database = ThrowawayDatabase(url, f"impulsregion_http_{events}")
        database.create()
        return database.url, database
    folder = Path(tempfile.mkdtemp(prefix="impulsregion-http-"))
    return f"sqlite:///{folder / 'db.sqlite3'}", None


def start(argv: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    wait_for_port(port, 120)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def fetch(port: int, path: str) -> bytes:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return bytes(response.read())


def event_path(port: int) -> str:
    listing = fetch(port, "/kalender/").decode()
    return re.search(r'href="(/kalender/veranstaltung/\d+/)"', listing).group(1)  # type: ignore[union-attr]


def bench_size(events: int) -> None:
    database_url, database = fresh_database(events)
    folder = Path(tempfile.mkdtemp(prefix="impulsregion-http-run-"))
    folder.chmod(0o755)  # nginx's workers (user nobody) read the bytes and keep the cache here
    started = time.perf_counter()
    prepare(database_url, events, folder / "var")
    print(
        f"\n{events:,} events on {database_url.split(':')[0]} (prepared in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    env = _env(database_url, folder / "var")
    ports = {name: free_port() for name in ("gunicorn", "dev", "static", "cache")}
    servers = [
        start(
            [str(CLI), "serve", "--production", f"127.0.0.1:{ports['gunicorn']}"],
            env,
            ports["gunicorn"],
        )
    ]
    try:
        _bench_pages(events, env, ports, folder, servers)
    finally:
        for server in servers:
            stop(server)
        if database is not None:
            database.drop()
        shutil.rmtree(folder, ignore_errors=True)


def _bench_pages(
    events: int,
    env: dict[str, str],
    ports: dict[str, int],
    folder: Path,
    servers: list[subprocess.Popen[bytes]],
) -> None:
    pages = {"home": "/", "list": "/kalender/", "event": event_path(ports["gunicorn"])}
    (folder / "bytes").mkdir()
    for label, path in pages.items():
        (folder / "bytes" / f"{label}.html").write_bytes(fetch(ports["gunicorn"], path))
    feed = fetch(ports["gunicorn"], "/feeds/events.ics")
    (folder / "bytes" / "events.ics").write_bytes(feed)
    (folder / "nginx.conf").write_text(
        NGINX_CONFIG.format(
            folder=folder,
            static_port=ports["static"],
            cache_port=ports["cache"],
            app_port=ports["gunicorn"],
        )
    )
    servers.append(start([NGINX, "-c", str(folder / "nginx.conf")], env, ports["static"]))
    wait_for_port(ports["cache"])
    servers.append(start([str(CLI), "serve", f"127.0.0.1:{ports['dev']}"], env, ports["dev"]))
    for label, path in pages.items():
        print(f" {label} page {path}", flush=True)
        production = wrk(ports["gunicorn"], [path])
        development = wrk(ports["dev"], [path])
        static = wrk(ports["static"], [f"/{label}.html"])
        cached = wrk(ports["cache"], [path])
        line("gunicorn, 2 workers", production, "p95 ≤ 100 ms")
        line("development server", development)
        print(
            f"  → {production['rps'] / max(development['rps'], 0.1):.1f}× the development server (target ≥ 5×)",
            flush=True,
        )
        line("nginx front cache", cached)
        line("nginx, same bytes from disk", static)
        print(
            f"  → front cache at 1/{static['rps'] / max(cached['rps'], 0.1):.1f} of nginx's static rate (target ≥ 1/10)",
            flush=True,
        )
    if events <= 10_000:
        _bench_feed(ports, len(feed))


def _bench_feed(ports: dict[str, int], size: int) -> None:
    print(f" feed /feeds/events.ics ({size / 1e6:.1f} MB)", flush=True)
    warm = wrk(ports["gunicorn"], ["/feeds/events.ics"], connections=4)
    static = wrk(ports["static"], ["/events.ics"], connections=4)
    busting = wrk(ports["gunicorn"], ["/feeds/events.ics?utm_source={n}"], connections=4)
    line("warm feed, gunicorn", warm)
    line("same bytes, nginx", static)
    print(
        f"  → {static['rps'] / max(warm['rps'], 0.1):.1f}× slower than nginx (target ≤ 2×)",
        flush=True,
    )
    line("unknown parameter on every request", busting, "no rebuild: about the warm rate")
    request = urllib.request.Request(
        f"http://127.0.0.1:{ports['gunicorn']}/feeds/events.ics",
        headers={"X-Forwarded-Proto": "https"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        etag = response.headers["ETag"]
    not_modified = wrk(ports["gunicorn"], ["/feeds/events.ics"], headers={"If-None-Match": etag})
    line("304 answers", not_modified, "≥ 1,000 req/s")


def rss_mib(pids: list[int]) -> float:
    """Resident memory of these processes and all their children, in MiB."""
    total = 0
    seen: set[int] = set()
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        todo.extend(int(child) for child in children)
    return total / 1024


def bench_cluster() -> None:
    """Two nodes behind HAProxy (scripts/cluster_test.py) at -c16 for 60 s."""
    pg = os.environ.get("DATABASE_URL", "") or "postgres://postgres@127.0.0.1:5432/impulsregion"
    folder = Path(tempfile.mkdtemp(prefix="impulsregion-cluster-bench-"))
    cluster = Cluster(pg, "redis://127.0.0.1:6379/8", folder)
    try:
        ids, _key = cluster.set_up()
        nodes = [cluster.processes["a"].pid, cluster.processes["b"].pid]
        paths = [*visitor_paths(ids), "/kalender/?q=konzert&n={n}"]  # and searches
        wrk(cluster.ports["lb"], paths, seconds=5)  # warm up
        before = rss_mib(nodes)
        figures = wrk(cluster.ports["lb"], paths, seconds=60)
        after = rss_mib(nodes)
        print("\ncluster: two nodes (gunicorn, two workers each) behind HAProxy", flush=True)
        line("-c16 for 60 s: pages, feed, API, searches", figures, "zero errors")
        print(
            f"  p99 {figures['p99']:.0f} ms; the nodes' memory {before:.0f} MiB at the start, "
            f"{after:.0f} MiB at the end",
            flush=True,
        )
    finally:
        cluster.tear_down(keep=False)
        print(f"  (logs of the nodes in {folder})", flush=True)


def main() -> None:
    for tool in (WRK, NGINX):
        if not Path(tool).exists():
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx-light")
    sizes = os.environ.get("IMPULSREGION_BENCH_HTTP_EVENTS", "10000,100000")
    for events in (int(n) for n in sizes.split(",") if n.strip()):
        bench_size(events)
    if os.environ.get("IMPULSREGION_BENCH_CLUSTER") == "1":
        bench_cluster()


if __name__ == "__main__":
    main()
