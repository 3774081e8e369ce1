#!/usr/bin/env python3
"""Search latency on the PostgreSQL store against the SQLite store, over the same 25k CLICK-ID articles.

Both stores are filled by `warta ingest` from the same records (SQLite: --db FILE, built when missing; PostgreSQL:
a scratch server in a temporary folder on loopback, default durability). Then `warta serve` runs on each in turn
without its response cache (--cache-entries 0: every request queries the store), and one client asks the API's
search for 20 queries a user would type, ROUNDS times each, one request at a time over one connection: the
latency of a search as a person sees it, not a load test (scripts/bench/serve/load.sh is that). Each store's totals
must agree query by query (the same matching articles in both; ranking differs: bm25 against ts_rank).

Usage: scripts/bench/postgres/search.py [--documents 25614] [--rounds 20] [--sqlite FILE] [--out FILE.json]
Needs the release build (swift build -c release --product warta) and ../shared.
"""
import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, WARTA, corpus  # noqa: E402

QUERIES = ["KPK", "Jokowi", "revisi UU KPK", "korupsi", "Habibie", "Papua rusuh", "gempa", "banjir Jakarta",
           "Prabowo", "DPR OR MPR", '"Jakarta Selatan"', "korup*", "title:KPK", "pemindahan ibu kota",
           "Kalimantan Timur", "hutan terbakar", "Persija", "harga cabai", "Sri Mulyani", "timnas -Inggris"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def serve(store_args, rounds, log):
    """Starts `warta serve` on a store, times every search, stops the server; returns latencies and totals."""
    port = free_port()
    server = subprocess.Popen([WARTA, "serve", *store_args, "--port", str(port), "--cache-entries", "0"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.monotonic()
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                connection.request("GET", "/healthz")
                if connection.getresponse().read() and True:
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() - started > 1800:
                    raise SystemExit(f"warta serve did not start: see {log.name}")
                time.sleep(0.5)
        ready_s = time.monotonic() - started

        def get(path):
            begin = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - begin) * 1000
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}: {body[:300]!r}")
            return elapsed, json.loads(body)

        paths = {q: "/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": 10}) for q in QUERIES}
        # The first request builds the read model when the store has none; one warm-up round.
        totals = {q: get(path)[1]["total"] for q, path in paths.items()}
        latencies = {q: [] for q in QUERIES}
        for _ in range(rounds):
            for q, path in paths.items():
                latencies[q].append(get(path)[0])
        return ready_s, latencies, totals
    finally:
        server.terminate()
        server.wait(timeout=60)


def summary(latencies):
    every = [v for values in latencies.values() for v in values]
    return {"requests": len(every), "p50_ms": round(percentile(every, 50), 2),
            "p95_ms": round(percentile(every, 95), 2), "p99_ms": round(percentile(every, 99), 2),
            "max_ms": round(max(every), 2), "mean_ms": round(statistics.mean(every), 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=25614)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--sqlite", default="/tmp/warta-bench/clickid.sqlite")
    parser.add_argument("--out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="warta-search-bench.")
    records = os.path.join(work, "records.jsonl")
    count = corpus(records, args.documents)
    result = {"documents": count, "rounds": args.rounds, "queries": QUERIES, "cores": os.cpu_count(),
              "machine": platform.platform()}
    if not os.path.exists(args.sqlite):
        os.makedirs(os.path.dirname(args.sqlite), exist_ok=True)
        print(f"building {args.sqlite} from {count} records", file=sys.stderr)
        begin = time.monotonic()
        subprocess.run([WARTA, "ingest", "--db", args.sqlite, records], stdout=subprocess.DEVNULL)
        result["sqlite_ingest_s"] = round(time.monotonic() - begin, 1)
    # A folder of its own: the server runs as the postgres user when this runs as root.
    data = tempfile.mkdtemp(prefix="warta-search-bench-server.")
    url = subprocess.run([os.path.join(ROOT, "scripts/postgres-scratch"), "start", data], capture_output=True,
                         text=True, check=True).stdout.strip()
    try:
        print(f"ingesting {count} records into PostgreSQL", file=sys.stderr)
        begin = time.monotonic()
        subprocess.run([WARTA, "ingest", "--postgres", url, records], stdout=subprocess.DEVNULL)
        result["postgres_ingest_s"] = round(time.monotonic() - begin, 1)
        runs = {}
        with open(os.path.join(work, "serve.log"), "w") as log:
            for name, store_args in [("sqlite", ["--db", args.sqlite]), ("postgresql", ["--postgres", url])]:
                print(f"searching the {name} store", file=sys.stderr)
                ready_s, latencies, totals = serve(store_args, args.rounds, log)
                runs[name] = {"server_ready_s": round(ready_s, 1), **summary(latencies),
                              "per_query_p95_ms": {q: round(percentile(v, 95), 2) for q, v in latencies.items()},
                              "totals": totals}
        result["runs"] = runs
        differing = {q: [runs["sqlite"]["totals"][q], runs["postgresql"]["totals"][q]] for q in QUERIES
                     if runs["sqlite"]["totals"][q] != runs["postgresql"]["totals"][q]}
        result["totals_differ"] = differing
    finally:
        subprocess.run([os.path.join(ROOT, "scripts/postgres-scratch"), "stop", data], capture_output=True)
        subprocess.run(["rm", "-rf", data, records])
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.out:
        with open(args.out, "w") as out:
            out.write(text + "\n")
    print(text)
    for name, run in result["runs"].items():
        print(f"{name}: search p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, p99 {run['p99_ms']} ms "
              f"({run['requests']} requests)", file=sys.stderr)
    if result["totals_differ"]:
        print(f"totals differ: {result['totals_differ']}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
