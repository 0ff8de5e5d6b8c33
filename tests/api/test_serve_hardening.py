"""A real `a11y serve`: oversized headers answer 431, a vanished uploader is not an error,
and every response carries the security headers (the HTML report and the docs included)."""

from __future__ import annotations

import io
import json
import socket
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from email.message import Message

import pytest
from serve_process import Server, serve

from accessibility_analyzer.api.security_headers import API_CSP, REPORT_CSP

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`a11y serve` on SQLite with in-process jobs, logs into a file."""
    environment = {"MAX_REQUEST_HEADER_BYTES": "16384", "ENGINE_PROCESSES": "1"}
    with serve(tmp_path_factory.mktemp("serve"), environment) as running:
        yield running


def _raw_exchange(port: int, request: bytes, *, chunk: int = 64 * 1024) -> bytes:
    """Send ``request`` (as far as the server reads it) and return what it answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        try:
            for start in range(0, len(request), chunk):
                connection.sendall(request[start : start + chunk])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: exactly what a refusal should do
        answer = b""
        try:
            while data := connection.recv(65536):
                answer += data
        except ConnectionResetError:
            pass
        return answer


@pytest.mark.parametrize("header_bytes", [20_000, 16 * 1024 * 1024])
def test_oversized_headers_answer_431_without_reading_them_whole(
    server: Server, header_bytes: int
) -> None:
    """20 kB and 16 MB of headers: 431 problem+json, and the connection closes."""
    request = (
        b"GET /api/v1/rules HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * header_bytes + b"\r\n\r\n"
    )
    answer = _raw_exchange(server.port, request)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert b"application/problem+json" in head
    assert json.loads(body)["reason"] == "headers_too_large"
    # A request within the limit on a fresh connection is served as usual.
    with urllib.request.urlopen(f"{server.base}/api/v1/rules", timeout=10) as response:
        assert response.status == 200


def test_a_client_vanishing_mid_upload_is_logged_at_info(server: Server) -> None:
    """Half an upload body, then the socket closes: an info record, no error, no 500."""
    with urllib.request.urlopen(
        urllib.request.Request(f"{server.base}/api/v1/sessions", method="POST"), timeout=10
    ) as response:
        session = json.loads(response.read())["id"]
    part = (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.html"\r\n'
        b"Content-Type: text/html\r\n\r\n" + b"<p>half a page" * 1000
    )
    head = (
        f"POST /api/v1/sessions/{session}/documents HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n"
        f"Content-Length: {len(part) * 10}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(head + part)
        time.sleep(0.3)  # the handler is inside the body when the client goes
    deadline = time.monotonic() + 10
    while not any("client disconnected" in str(r.get("message")) for r in server.log_records()):
        assert time.monotonic() < deadline, server.log.read_text()[-3000:]
        time.sleep(0.1)
    records = server.log_records()
    assert [r for r in records if r.get("level") in {"ERROR", "CRITICAL"}] == []
    assert not [r for r in records if r.get("status") == 500]


def test_a_body_in_the_headers_packet_does_not_count_as_headers(server: Server) -> None:
    """curl sends headers and the start of an upload in one packet: 100 kB are not headers."""
    with urllib.request.urlopen(
        urllib.request.Request(f"{server.base}/api/v1/sessions", method="POST"), timeout=10
    ) as response:
        session = json.loads(response.read())["id"]
    page = b"<!doctype html><title>t</title><p>" + b"x" * 100_000 + b"</p>"
    part = (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.html"\r\n'
        b"Content-Type: text/html\r\n\r\n" + page + b"\r\n--b--\r\n"
    )
    head = (
        f"POST /api/v1/sessions/{session}/documents HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\nConnection: close\r\n"
        f"Content-Length: {len(part)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall(head + part)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 201"), answer[:300]


def _get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive) and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _post(url: str, body: bytes = b"", content_type: str = "application/json") -> dict[str, str]:
    request = urllib.request.Request(
        url, data=body or None, method="POST", headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer: dict[str, str] = json.loads(response.read())
        return answer


def _site() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<!doctype html><title>x</title><img src=a.png>")
    return buffer.getvalue()


def test_every_response_carries_the_security_headers(server: Server) -> None:
    """nosniff everywhere; the report's HTML forbids scripts; the docs allow only ours."""
    for path in ("/health", "/openapi.json", "/api/v1/rules", "/nope"):
        _, headers, _ = _get(server.base + path)
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Content-Security-Policy"] == API_CSP, path
    for path in ("/docs", "/redoc"):
        status, headers, _ = _get(server.base + path)
        assert status == 200
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self' 'sha256-" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert headers["X-Content-Type-Options"] == "nosniff"

    session = _post(f"{server.base}/api/v1/sessions")["id"]
    body = (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="site.zip"\r\n'
        b"Content-Type: application/zip\r\n\r\n" + _site() + b"\r\n--b--\r\n"
    )
    _post(
        f"{server.base}/api/v1/sessions/{session}/documents",
        body,
        "multipart/form-data; boundary=b",
    )
    analysis = _post(f"{server.base}/api/v1/sessions/{session}/analyses")["id"]
    deadline = time.monotonic() + 60
    while json.loads(_get(f"{server.base}/api/v1/analyses/{analysis}")[2])["status"] != "completed":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    status, headers, page = _get(f"{server.base}/api/v1/analyses/{analysis}/report?format=html")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Content-Security-Policy"] == REPORT_CSP
    assert "script-src" not in REPORT_CSP  # default-src 'none' forbids every script
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert b"<script" not in page.lower()


def test_a_large_body_on_a_kept_alive_connection_is_not_counted_as_headers(
    server: Server,
) -> None:
    """Two uploads of 200 kB in one write each, one connection: both stored (201)."""
    answers = []
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        session = _post(f"{server.base}/api/v1/sessions")["id"]
        for number in range(2):
            part = (
                b'--b\r\nContent-Disposition: form-data; name="files"; filename="p%d.html"\r\n'
                b"Content-Type: text/html\r\n\r\n%s\r\n--b--\r\n" % (number, b"<p>x</p>" * 25_000)
            )
            head = (
                f"POST /api/v1/sessions/{session}/documents HTTP/1.1\r\nHost: x\r\n"
                "Content-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {len(part)}\r\n\r\n"
            ).encode()
            connection.sendall(head + part)
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += connection.recv(65536)
            head_end = answer.index(b"\r\n\r\n") + 4
            length = int(
                next(
                    line.split(b":")[1]
                    for line in answer[:head_end].split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
            )
            while len(answer) < head_end + length:
                answer += connection.recv(65536)
            answers.append(answer.split(b" ", 2)[1])
    assert answers == [b"201", b"201"]


def _exchange_on(connection: socket.socket, request: bytes) -> bytes:
    """Send ``request`` on an open connection and read one whole answer (empty: closed)."""
    connection.sendall(request)
    answer = b""
    while b"\r\n\r\n" not in answer:
        data = connection.recv(65536)
        if not data:
            return answer
        answer += data
    head_end = answer.index(b"\r\n\r\n") + 4
    length = next(
        int(line.split(b":")[1])
        for line in answer[:head_end].split(b"\r\n")
        if line.lower().startswith(b"content-length")
    )
    while len(answer) < head_end + length:
        answer += connection.recv(65536)
    return answer


def test_an_idle_kept_alive_connection_outlasts_the_clients_own_expiry(server: Server) -> None:
    """Six idle seconds (httpx's pool keeps a connection five) and the connection still serves.

    With uvicorn's default of five seconds, server and client gave up idle connections at
    the same moment, and a request sent on one as the server closed it failed (ReadError).
    """
    request = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        assert _exchange_on(connection, request).startswith(b"HTTP/1.1 200")
        time.sleep(6)
        assert _exchange_on(connection, request).startswith(b"HTTP/1.1 200")
