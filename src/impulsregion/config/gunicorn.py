"""Settings of the production server (gunicorn), read from the environment.

``impulsregion serve --production`` starts gunicorn with this file; the variables are in the
settings table (``config/settings.py``). ``kill -HUP <master pid>`` (``systemctl reload``)
replaces the workers gracefully with new code; ``kill -TERM`` lets them finish their requests
for ``IMPULSREGION_WEB_GRACEFUL_TIMEOUT`` seconds.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}.") from None


wsgi_app = "impulsregion.config.wsgi:application"
bind = [os.environ.get("IMPULSREGION_WEB_BIND", "") or "127.0.0.1:8000"]
workers = _int("IMPULSREGION_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("IMPULSREGION_WEB_THREADS", 1)
timeout = _int("IMPULSREGION_WEB_TIMEOUT", 30)
graceful_timeout = _int("IMPULSREGION_WEB_GRACEFUL_TIMEOUT", 30)
# off by default: a renewed worker loads the whole app again (a second or two during which its
# share of requests waits); set it if a worker's memory is seen to grow
max_requests = _int("IMPULSREGION_WEB_MAX_REQUESTS", 0)
max_requests_jitter = max(0, max_requests // 10)
keepalive = 5
# the balancer or nginx in front sets X-Forwarded-For/-Proto; trust it from these addresses
forwarded_allow_ips = os.environ.get("IMPULSREGION_WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("IMPULSREGION_LOG_LEVEL", "info").lower()
proc_name = "impulsregion-web"
# each worker loads the app itself, so a reload (HUP) brings new code into new workers while
# the old ones finish their requests: an upgrade without a moment of downtime
preload_app = False
# gunicorn's control socket (~/.gunicorn/gunicorn.ctl) is not used: systemd sends the signals
control_socket_disable = True
