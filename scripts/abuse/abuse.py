#!/usr/bin/env python3
"""Abuses a running `warta serve` (base URL and token as arguments) and checks every answer.

Oversized bodies, slow clients sending a byte a second, idle connections, malformed HTTP, 10,000 parameters,
path traversal, missing and wrong tokens, and search queries made only of operators. After each group the server
must still answer /healthz, and while slow clients dribble, other clients must be served promptly.
Prints one line per check; exits 1 when any fails.
"""
import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
token = sys.argv[2]
host, port = base.hostname, base.port
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (f"  ({detail})" if detail else ""), flush=True)
    if not ok:
        failures.append(name)


def request(method, path, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def raw(data, timeout=5, read_limit=1 << 20):
    """Sends bytes on a fresh connection; returns what came back before the server closed or the timeout."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass
        received = b""
        try:
            while len(received) < read_limit:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
                if b"\r\n\r\n" in received and not received.startswith(b"HTTP/1.1 100"):
                    head, _, rest = received.partition(b"\r\n\r\n")
                    length = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                    if length and len(rest) >= int(length[0].split(b":")[1]):
                        break
        except socket.timeout:
            pass
        return received


def status_of(response_bytes):
    if not response_bytes.startswith(b"HTTP/"):
        return None
    return int(response_bytes.split(b" ", 2)[1])


def healthy(label):
    try:
        status, body, _ = request("GET", "/healthz", timeout=5)
        check(f"{label}: the server still answers /healthz", status == 200, f"status {status}")
    except OSError as error:
        check(f"{label}: the server still answers /healthz", False, str(error))


def is_json_error(body):
    try:
        value = json.loads(body)
        return isinstance(value, dict) and {"code", "message", "hint"} <= value.keys()
    except ValueError:
        return False


auth = {"Authorization": f"Bearer {token}", "Content-Type": "text/plain"}

# Tokens on the write endpoint.
text = "Jakarta - Presiden Joko Widodo meresmikan jalan tol baru di Semarang, Senin (19/8/2019).".encode()
for label, headers, expected in [
    ("no token", {"Content-Type": "text/plain"}, 401),
    ("wrong token", {"Authorization": "Bearer not-the-token", "Content-Type": "text/plain"}, 401),
    ("empty bearer", {"Authorization": "Bearer ", "Content-Type": "text/plain"}, 401),
    ("basic scheme", {"Authorization": "Basic YWRtaW46YWRtaW4=", "Content-Type": "text/plain"}, 401),
    ("token as a prefix", {"Authorization": f"Bearer {token}x", "Content-Type": "text/plain"}, 401),
]:
    status, body, _ = request("POST", "/api/v1/ingest", body=text, headers=headers)
    check(f"ingest with {label}: {expected}", status == expected and is_json_error(body), f"status {status}")
status, body, _ = request("POST", "/api/v1/ingest", body=text, headers=auth)
check("ingest with the token: 201", status == 201, f"status {status} {body[:120]!r}")
healthy("tokens")

# Oversized bodies: declared, chunked, and a declared length far larger than what is sent.
status, body, _ = request("POST", "/api/v1/ingest", body=b"a" * (1 << 20), headers=auth)
check("a 1 MiB body over the 64 KiB limit: 413", status == 413 and is_json_error(body), f"status {status}")
chunked = b"POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.encode() + \
    b"\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + \
    b"".join(b"8000\r\n" + b"a" * 0x8000 + b"\r\n" for _ in range(8)) + b"0\r\n\r\n"
check("a chunked body over the limit: 413", status_of(raw(chunked)) == 413)
lying = b"POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.encode() + \
    b"\r\nContent-Length: 99999999999\r\n\r\nshort"
check("a Content-Length of 99,999,999,999: 413", status_of(raw(lying)) == 413)
healthy("oversized bodies")

# Malformed HTTP: each gets 400 or the connection closed, never a hang or a crash.
for label, data in [
    ("garbage request line", b"GARBAGE\r\n\r\n"),
    ("unknown HTTP version", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"),
    ("header without a colon", b"GET / HTTP/1.1\r\nHost x\r\n\r\n"),
    ("NUL bytes in the request line", b"GET /\x00\x00 HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("a 200 KB header", b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"),
    ("two Content-Length headers", b"POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello"),
    ("bare LF line ends and a binary method", b"\xff\xfe\xfd / HTTP/1.1\nHost: x\n\n"),
]:
    answer = raw(data)
    status = status_of(answer)
    check(f"malformed ({label}): 400 or closed", status in (None, 400, 413, 431), f"status {status}, {len(answer)} bytes")
healthy("malformed HTTP")

# 10,000 parameters, and one parameter repeated 10,000 times.
many = "&".join(f"p{i}={i}" for i in range(10_000))
answer = raw(f"GET /api/v1/articles?{many} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), timeout=10)
status = status_of(answer)
check("10,000 parameters: a 4xx answer or closed", status is None or 400 <= status < 500, f"status {status}")
repeated = "&".join("outlet=kompas.com" for _ in range(2_000))
status, body, _ = request("GET", f"/api/v1/articles?{repeated}")
check("one parameter 2,000 times: 200 or 400, never 500", status in (200, 400), f"status {status}")
healthy("many parameters")

# Path traversal on the static route and elsewhere: 404 or 400, and never a file's contents.
for path in ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
             "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/style.css/../../Package.swift",
             "/static/%252e%252e/etc/passwd", "/static//etc/passwd", "/..%5c..%5cetc%5cpasswd",
             "/static/style.css%00.html", "/api/v1/articles/..%2f..%2fetc%2fpasswd"]:
    answer = raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    status = status_of(answer)
    leaked = b"root:" in answer or b"swift-tools-version" in answer
    check(f"traversal {path}: 4xx, nothing leaked", status is not None and 400 <= status < 500 and not leaked,
          f"status {status}")
status, body, headers = request("GET", "/static/style.css")
check("the stylesheet itself: 200", status == 200 and b"{" in body, f"status {status}")
healthy("traversal")

# Search queries made only of operators: 200 with no results or 400 with a JSON error, never 500.
for query in ["AND", "OR OR", "NOT", "*", '"', '""', "(", ")", "NEAR(", "^", ":", "-", "-(", "title:", "lang:",
              "AND OR NOT", "* * *", "((((((((((", "\"\"\"", "\\", "%", "\x00", "outlet:", "a" * 5000]:
    status, body, _ = request("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": query}))
    good = status == 200 or (status == 400 and is_json_error(body))
    check(f"search {query[:20]!r}: 200 or 400", good, f"status {status}")
healthy("operator-only search")

# Slow clients. Five send a request a byte a second: the server closes each when its request head has not arrived
# within the idle timeout (a slow-loris client holds nothing for long), and serves other clients meanwhile. One
# sends its head in pieces that arrive within the timeout: it is answered 200.
idle_timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
slow_request = b"GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
slow_results = {}


def slow_client(index, pause):
    start = time.monotonic()
    received = b""
    try:
        with socket.create_connection((host, port), timeout=30) as sock:
            for position in range(0, len(slow_request), 1 if pause >= 1 else 16):
                sock.sendall(slow_request[position:position + (1 if pause >= 1 else 16)])
                time.sleep(pause)
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
    except OSError:
        pass
    slow_results[index] = (status_of(received), time.monotonic() - start)


threads = [threading.Thread(target=slow_client, args=(i, 1.0)) for i in range(5)]
threads.append(threading.Thread(target=slow_client, args=(5, 0.2)))
for thread in threads:
    thread.start()
time.sleep(0.5)
latencies = []
while any(thread.is_alive() for thread in threads) and len(latencies) < 400:
    start = time.monotonic()
    status, _, _ = request("GET", "/api/v1/articles?limit=5")
    latencies.append(time.monotonic() - start)
    if status != 200:
        check("a request while slow clients dribble", False, f"status {status}")
        break
    time.sleep(0.05)
for thread in threads:
    thread.join(timeout=90)
check(f"{len(latencies)} requests served while slow clients dribble, slowest under 2 s",
      len(latencies) >= 10 and max(latencies) < 2.0, f"slowest {max(latencies, default=0):.3f} s")
dropped = [slow_results.get(i) for i in range(5)]
check("each byte-a-second client is closed, unanswered, within the idle timeout",
      all(r is not None and r[0] is None and r[1] < idle_timeout + 3 for r in dropped), str(dropped))
check("a client whose head arrives in pieces within the timeout is answered 200",
      slow_results.get(5, (None,))[0] == 200, str(slow_results.get(5)))

# An idle connection is closed by the server (--idle-timeout).
with socket.create_connection((host, port), timeout=idle_timeout + 10) as sock:
    start = time.monotonic()
    try:
        closed = sock.recv(1) == b""
    except OSError:
        closed = True
    waited = time.monotonic() - start
check(f"an idle connection is closed after the idle timeout ({idle_timeout:g} s)",
      closed and waited < idle_timeout + 5, f"closed after {waited:.1f} s")
healthy("slow and idle clients")

print(f"{len(failures)} check(s) failed" if failures else "every abuse check passed")
sys.exit(1 if failures else 0)
