"""The cluster test (`make cluster-test`): the platform as several machines, on one machine.

Two app nodes (the production server, gunicorn, two workers each, own ports and own var
folders), two job workers and two schedulers share one PostgreSQL database, one Redis and one
media folder; HAProxy from Debian balances the nodes, as in docs/operations.md. It checks:

1. an edit, a delete and a publish made through node A show through node B within one second
   on pages, feeds (an old ETag gets 200, not a stale 304) and the API;
2. each periodic job runs exactly once although two schedulers tick at the same time;
3. killing node A (SIGKILL, master and workers) under load loses no request: the balancer
   retries on node B;
4. killing the job worker in the middle of an import leaves nothing half-written, and the
   import completes on the other worker.

Run: .venv/bin/python scripts/cluster_test.py [--pg postgres://postgres@127.0.0.1:5432/x]
[--redis redis://127.0.0.1:6379/7] [--keep] — exits 1 with the failed check's sentence.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psycopg
import redis

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from benchmarks.bench_calendar_data import generate_ics  # noqa: E402
from tests.e2e_support import (  # noqa: E402
    CLI,
    SEED,
    Browser,
    ThrowawayDatabase,
    free_port,
    wait_for_port,
)

IMPORT_EVENTS = 12_000
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"

HAPROXY_CONFIG = """
global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # a node that dies takes its requests with it: GETs are tried again on another node
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 502 503
frontend web
    bind 127.0.0.1:{port}
    http-request set-header X-Forwarded-Proto https
    http-request disable-l7-retry if METH_POST
    default_backend app
backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz hdr Host localhost
    default-server inter 500ms fall 2 rise 2
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check
"""


class Failed(Exception):
    pass


def check(condition: bool, sentence: str) -> None:
    if not condition:
        raise Failed(sentence)
    print(f"  ok  {sentence}", flush=True)


def within(seconds: float, probe: Callable[[], bool]) -> float | None:
    """How long until ``probe()`` holds (None if not within ``seconds``)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if probe():
            return time.monotonic() - started
        time.sleep(0.02)
    return None


class Cluster:
    def __init__(self, pg_url: str, redis_url: str, folder: Path) -> None:
        self.folder = folder
        self.database = ThrowawayDatabase(pg_url, "impulsregion_cluster")
        self.db_url = self.database.url
        self.redis_url = redis_url
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.ports = {"a": free_port(), "b": free_port(), "lb": free_port()}
        (folder / "media").mkdir()
        (folder / "static").mkdir()

    def env(self, node: str) -> dict[str, str]:
        var = self.folder / f"var-{node}"
        var.mkdir(exist_ok=True)
        return {
            **os.environ,
            "DATABASE_URL": self.db_url,
            "IMPULSREGION_ENVIRONMENT": "production",
            "IMPULSREGION_SECRET_KEY": "cluster-test-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "IMPULSREGION_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "IMPULSREGION_CACHE_URL": self.redis_url,
            "IMPULSREGION_VAR_DIR": str(var),
            "IMPULSREGION_MEDIA_DIR": str(self.folder / "media"),
            "IMPULSREGION_STATIC_DIR": str(self.folder / "static"),
            "IMPULSREGION_WEB_WORKERS": "2",
            "IMPULSREGION_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "impulsregion.config.settings",
        }

    def start(self, name: str, argv: list[str], node: str) -> None:
        log = (self.folder / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            argv, env=self.env(node), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def set_up(self) -> tuple[list[int], str]:
        self.database.create()
        redis.Redis.from_url(self.redis_url).flushdb()
        # as an administrator installs a node: migrations, static files, deployment check
        subprocess.run([CLI, "upgrade", "-v", "0"], env=self.env("a"), check=True)
        seeded = subprocess.run(
            [CLI, "shell", "-c", SEED], env=self.env("a"), check=True, capture_output=True
        ).stdout.decode()
        *ids, key = seeded.split("SEED", 1)[1].split()
        for node in ("a", "b"):
            self.start(
                node, [str(CLI), "serve", "--production", f"127.0.0.1:{self.ports[node]}"], node
            )
        for number, node in enumerate(("a", "b"), start=1):
            self.start(f"worker{number}", [str(CLI), "worker", "--interval", "0.2"], node)
            self.start(f"scheduler{number}", [str(CLI), "scheduler"], node)
        config = self.folder / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=self.ports["lb"], **self.ports))
        self.processes["haproxy"] = subprocess.Popen(
            [HAPROXY, "-f", str(config), "-db"],
            stdout=(self.folder / "haproxy.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for port in self.ports.values():
            wait_for_port(port, 60)
        return [int(i) for i in ids], key

    def tear_down(self, keep: bool) -> None:
        for name in list(self.processes):
            try:
                os.killpg(self.processes[name].pid, signal.SIGTERM)
                self.processes[name].wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.processes[name].pid, signal.SIGKILL)
        if not keep:
            self.database.drop()

    def url(self, node: str) -> str:
        return f"http://127.0.0.1:{self.ports[node]}"

    def sql(self, query: str, *params: object) -> list[tuple[object, ...]]:
        with psycopg.connect(self.db_url) as conn:
            return conn.execute(query, params).fetchall()


def surfaces(reader: Browser, event_id: int) -> dict[str, str]:
    return {
        "list page": reader.get("/kalender/")[2],
        "event page": reader.get(f"/kalender/veranstaltung/{event_id}/")[2],
        "api": reader.get("/api/v1/events")[2],
        "ics feed": reader.get("/feeds/events.ics")[2],
        "atom feed": reader.get("/feeds/events.atom")[2],
    }


def shows(reader: Browser, event_id: int, title: str, expected: bool) -> bool:
    return all((title in text) == expected for text in surfaces(reader, event_id).values())


def check_writes_show_on_the_other_node(cluster: Cluster, ids: list[int], key: str) -> None:
    print("1. writes through node A, reads through node B", flush=True)
    concert, reading, premiere = ids
    office = Browser(cluster.url("a"), behind_https=True)
    reader = Browser(cluster.url("b"), behind_https=True)
    check(shows(reader, concert, "Zweiprozess-Konzert", True), "node B shows the concert")
    etag = reader.get("/feeds/events.ics")[1]["ETag"]
    check(
        reader.get("/feeds/events.ics", **{"If-None-Match": etag})[0] == 304,
        "an unchanged feed answers 304",
    )
    office.log_in("buero", "geheim-buero-1")

    token = office.form_token(f"/admin/calendar/event/{concert}/delete/")
    status = office.send(
        "POST",
        f"/admin/calendar/event/{concert}/delete/",
        {"csrfmiddlewaretoken": token, "post": "yes"},
    )
    check(status == 200, "the office deletes the concert through node A")
    took = within(1.0, lambda: shows(reader, concert, "Zweiprozess-Konzert", False))
    check(
        took is not None, f"node B no longer shows it on pages, feeds and API ({took or 0:.2f} s)"
    )
    check(
        reader.get("/feeds/events.ics", **{"If-None-Match": etag})[0] == 200,
        "the old feed ETag gets 200, not a stale 304",
    )

    occurrence = json.loads(reader.get(f"/api/v1/events/{reading}")[2])["occurrences"][0]
    status = office.send(
        "PUT",
        f"/api/v1/events/{reading}",
        {"title_de": "Zweiprozess-Lesung neu betitelt", "occurrences": [occurrence]},
        Authorization=f"Bearer {key}",
        **{"Content-Type": "application/json"},
    )
    check(status == 200, "an editor renames the reading through node A's API")
    took = within(1.0, lambda: shows(reader, reading, "Zweiprozess-Lesung neu betitelt", True))
    check(took is not None, f"node B shows the new title everywhere ({took or 0:.2f} s)")

    token = office.form_token("/admin/calendar/event/")
    status = office.send(
        "POST",
        "/admin/calendar/event/",
        {"csrfmiddlewaretoken": token, "action": "publish", "_selected_action": [premiere]},
    )
    check(status == 200, "the office publishes the premiere through node A")
    took = within(1.0, lambda: shows(reader, premiere, "Zweiprozess-Premiere", True))
    check(took is not None, f"node B shows the premiere everywhere ({took or 0:.2f} s)")


def check_periodic_jobs_run_once(cluster: Cluster) -> None:
    print("2. periodic jobs with two schedulers", flush=True)
    names = ("expire_holds", "remind_filings", "prune_jobs")

    def all_done() -> bool:
        rows = cluster.sql("SELECT task_path, status FROM django_tasks_database_dbtaskresult")
        done = [path.rsplit(".", 1)[-1] for path, status in rows if status == "SUCCESSFUL"]
        return all(name in done for name in names)

    check(within(30, all_done) is not None, "the periodic jobs ran within 30 s")
    time.sleep(6)  # both schedulers tick again at least once
    rows = cluster.sql("SELECT task_path FROM django_tasks_database_dbtaskresult")
    counts = Counter(str(path).rsplit(".", 1)[-1] for (path,) in rows)
    check(all(counts[name] == 1 for name in names), f"each ran exactly once: {dict(counts)}")


def visitor_paths(ids: list[int]) -> list[str]:
    """What visitors ask the cluster for: home, list, an event page, the feed, the API."""
    return [
        "/",
        "/kalender/",
        f"/kalender/veranstaltung/{ids[1]}/",
        "/feeds/events.ics",
        "/api/v1/events",
    ]


def check_losing_a_node_loses_no_request(cluster: Cluster, ids: list[int]) -> None:
    print("3. node A killed under load", flush=True)
    paths = visitor_paths(ids)
    results: list[int] = []
    stop = threading.Event()

    def visitor(number: int) -> None:
        count = 0
        while not stop.is_set():
            path = paths[(number + count) % len(paths)]
            count += 1
            try:
                with urllib.request.urlopen(f"{cluster.url('lb')}{path}", timeout=30) as response:
                    response.read()
                    results.append(response.status)
            except urllib.error.HTTPError as error:
                results.append(error.code)
            except OSError:
                results.append(0)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    before = len(results)
    cluster.kill("a")
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join()
    failed = [status for status in results if status != 200]
    check(before > 0, f"the balancer served {before} requests in 3 s before the kill")
    check(
        not failed,
        f"{len(results)} requests, {len(failed)} failed ({Counter(failed)}) although node A died",
    )


def check_killed_worker_leaves_nothing_half_written(cluster: Cluster) -> None:
    print("4. a job worker killed in the middle of an import", flush=True)
    source = cluster.folder / "gross.ics"
    source.write_bytes(generate_ics(IMPORT_EVENTS))
    subprocess.run(
        [
            CLI,
            "import-events",
            str(source),
            "--format",
            "ics",
            "--organisation",
            "jena",
            "--source-key",
            "cluster",
            "--background",
        ],
        env=cluster.env("b"),
        check=True,
        capture_output=True,
    )

    def running() -> list[tuple[object, ...]]:
        return cluster.sql(
            "SELECT id, worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE %s AND status = 'RUNNING'",
            "%import_calendar",
        )

    check(within(30, lambda: bool(running())) is not None, "a worker took the import")
    time.sleep(1.0)  # well into the import
    job_id, worker_ids = running()[0]
    pid = int(str(worker_ids[-1]).split(":")[1])  # type: ignore[index]
    name = next(n for n, p in cluster.processes.items() if p.pid == pid)
    cluster.kill(name)
    records = cluster.sql(
        "SELECT count(*) FROM calendar_sourcerecord WHERE source_key = 'cluster'"
    )[0][0]
    check(
        records == 0, f"{name} killed mid-import: {records} records written (nothing half-written)"
    )

    def finished() -> bool:
        return (
            cluster.sql(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", job_id
            )[0][0]
            == "SUCCESSFUL"
        )

    check(within(90, finished) is not None, "the other worker took the job over and finished it")
    rows = cluster.sql(
        "SELECT worker_ids, return_value FROM django_tasks_database_dbtaskresult WHERE id = %s",
        job_id,
    )
    worker_ids, value = rows[0]
    created = value["created"]  # type: ignore[index]
    records = cluster.sql(
        "SELECT count(*) FROM calendar_sourcerecord WHERE source_key = 'cluster'"
    )[0][0]
    check(
        len(worker_ids) == 2 and created == IMPORT_EVENTS == records,
        f"all {records} events imported once, by the second worker",
    )  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/impulsregion")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--keep", action="store_true", help="keep the folder and database")
    args = parser.parse_args()
    if not Path(HAPROXY).exists():
        print(
            "The cluster test needs HAProxy: run `make system` as root (apt-get install haproxy).",
            file=sys.stderr,
        )
        return 1
    folder = Path(tempfile.mkdtemp(prefix="impulsregion-cluster-"))
    cluster = Cluster(args.pg, args.redis, folder)
    started = time.monotonic()
    try:
        ids, key = cluster.set_up()
        print(
            f"cluster up: nodes {cluster.ports['a']}, {cluster.ports['b']} behind HAProxy {cluster.ports['lb']} ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        check_writes_show_on_the_other_node(cluster, ids, key)
        check_periodic_jobs_run_once(cluster)
        check_losing_a_node_loses_no_request(cluster, ids)
        check_killed_worker_leaves_nothing_half_written(cluster)
    except Failed as failure:
        print(f"FAILED: {failure}\n(logs in {folder})", file=sys.stderr)
        cluster.tear_down(keep=True)
        return 1
    cluster.tear_down(keep=args.keep)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"cluster test passed in {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
