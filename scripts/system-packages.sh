#!/bin/sh
# Install the Debian packages the tests call, when they are missing (make system; make test runs it).
#   chromium    the browser tests (Playwright drives Debian's build, never a downloaded one)
#   haproxy     the load balancer of the cluster test (make cluster-test)
#   postgresql-client  pg_dump/pg_restore for the backup and restore test
#   nginx-light, systemd  nginx -t and systemd-analyze verify on the files in deploy/
#   wrk         only with the argument `bench`: the HTTP benchmarks (make bench)
# As root it installs them with apt-get; otherwise it names the command to run and fails.
set -eu
need=""
command -v "${IMPULSREGION_CHROMIUM:-chromium}" >/dev/null 2>&1 || [ -x "${IMPULSREGION_CHROMIUM:-/usr/bin/chromium}" ] || need="$need chromium"
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need="$need haproxy"
command -v pg_dump >/dev/null 2>&1 || need="$need postgresql-client"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx-light"
command -v systemd-analyze >/dev/null 2>&1 || need="$need systemd"
if [ "${1:-}" = "bench" ]; then
  command -v wrk >/dev/null 2>&1 || need="$need wrk"
fi
if [ -z "$need" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Missing Debian packages:$need. Install them once with: sudo apt-get install -y$need" >&2
  exit 1
fi
echo "== installing Debian packages:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into words
apt-get install -y -qq $need >/dev/null
