"""Outgoing fetches that cannot be turned against the platform's own network (server-side
request forgery): http(s) only, after every redirect; no loopback, private, link-local or
otherwise internal address, checked for every DNS answer before connecting and for the address
actually connected to. Addresses listed in ``IMPULSREGION_FETCH_ALLOWED_ADDRESSES`` (an
intranet calendar server, the tests' local server) are let through."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

SCHEMES = ("http", "https")


class Refused(urllib.error.URLError):
    """The address is not one the platform fetches from; `reason` says why."""


def _allowed() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(entry, strict=False)
        for entry in getattr(settings, "IMPULSREGION_FETCH_ALLOWED_ADDRESSES", [])
    ]


def check_address(address: str) -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in network for network in _allowed()):
        return
    if not ip.is_global or ip.is_multicast:
        raise Refused(f"{ip} is an internal address")


def check_host(host: str, port: int) -> None:
    """Every address the name resolves to must be a public one."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise urllib.error.URLError(f"{host}: {error}") from error
    for *_rest, sockaddr in answers:
        check_address(str(sockaddr[0]))


def _check_peer(sock: socket.socket) -> None:
    check_address(str(sock.getpeername()[0]))


class Deadline:
    """The moment a whole fetch must be over, redirects, connecting, headers and body
    included: every network wait is cut to the time left (a server sending a byte now and then
    cannot stretch it), and a wait past it raises TimeoutError."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.sockets: list[socket.socket] = []

    def left(self, timeout: float) -> float:
        """The longest the next network wait may take (at most `timeout`)."""
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"the deadline of {self.seconds:g} s has passed")
        return min(timeout, remaining)

    def before_read(self, timeout: float) -> None:
        """Cut the next read of the current connection to the time left."""
        if self.sockets:
            self.sockets[-1].settimeout(self.left(timeout))


class _HTTPConnection(http.client.HTTPConnection):
    deadline: Deadline | None = None

    def connect(self) -> None:
        if self.deadline is not None:
            self.timeout = self.deadline.left(self.timeout)
        check_host(self.host, self.port)
        http.client.HTTPConnection.connect(self)
        _check_peer(self.sock)
        if isinstance(self, http.client.HTTPSConnection):
            self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)  # type: ignore[attr-defined]
        if self.deadline is not None:
            self.deadline.sockets.append(self.sock)


class _HTTPSConnection(_HTTPConnection, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline | None) -> None:
        super().__init__()
        self.connection = type("Connection", (_HTTPConnection,), {"deadline": deadline})

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self.connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline | None) -> None:
        super().__init__()
        self.connection = type("Connection", (_HTTPSConnection,), {"deadline": deadline})

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self.connection, req, context=self._context)  # type: ignore[attr-defined]


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise Refused(f"a redirect to {newurl[:100]} (only http and https are fetched)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener(deadline: Deadline | None = None) -> urllib.request.OpenerDirector:
    """An opener with only the guarded http(s) handlers (no ftp, file or data URLs), each
    network wait cut to the time `deadline` leaves."""
    director = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.UnknownHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
        _HTTPHandler(deadline),
        _HTTPSHandler(deadline),
    ):
        director.add_handler(handler)
    return director
