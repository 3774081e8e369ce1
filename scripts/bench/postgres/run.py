#!/usr/bin/env python3
"""Throughput of CLICK-ID articles through the PostgreSQL store with 1 and 2 workers, beside the SQLite ingest.

For each run: wall time of enqueueing, of extraction and storing (until the queue is empty, polled every 0.5 s)
and of linking (from then until the workers exit), so that the linker's cost per article stands apart.
A scratch PostgreSQL server (default settings: fsync on) runs in a temporary folder on loopback.

Usage: scripts/bench/postgres/run.py [--documents 25614] [--out FILE.json]
Needs the release build (swift build -c release --product warta) and ../shared.
"""
import argparse
import gzip
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
WARTA = os.environ.get("WARTA_BIN", os.path.join(ROOT, ".build/release/warta"))
SHARED = os.environ.get("WARTA_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))


def corpus(path, count):
    """The first `count` CLICK-ID articles as JSON lines (the same input for every run)."""
    source_dir = os.path.join(SHARED, "corpus/id-news/clickid-2019")
    files = sorted(f for f in os.listdir(source_dir) if f.endswith(".jsonl.gz"))
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for name in files:
            with gzip.open(os.path.join(source_dir, name), "rt", encoding="utf-8") as lines:
                for line in lines:
                    if written >= count:
                        return written
                    out.write(line)
                    written += 1
    return written


# Every link decision, by content hash so that article ids (which differ between runs) do not matter.
DECISIONS_SQL = """
SELECT r.content_hash || '|' || l.position || '|' || l.event_id || '|' || l.storyline_id || '|' ||
  coalesce((SELECT r2.content_hash FROM article a2 JOIN raw_document r2 ON r2.id = a2.raw_id
            WHERE a2.id = l.duplicate_of), '-') || '|' || l.merged_events || '|' || coalesce(l.follow_up_of, -1)
FROM article a JOIN raw_document r ON r.id = a.raw_id JOIN article_link l ON l.article_id = a.id
ORDER BY l.position
"""


def digest(lines):
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def psql(url, sql):
    return subprocess.run(["psql", "-X", "-At", url, "-c", sql], capture_output=True, text=True,
                          check=True).stdout.strip()


def postgres_run(server, workers, documents, name):
    psql(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(server, f"CREATE DATABASE {name}")
    url = server.rsplit("/", 1)[0] + "/" + name
    start = time.monotonic()
    subprocess.run([WARTA, "ingest", "--postgres", url, "--enqueue", documents], check=True,
                   stdout=subprocess.DEVNULL)
    enqueued = time.monotonic()
    processes = [subprocess.Popen([WARTA, "worker", "--postgres", url, "--exit-when-idle", "--concurrency", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for _ in range(workers)]
    extracted = None
    while any(p.poll() is None for p in processes):
        if extracted is None and psql(url, "SELECT count(*) FROM work_item") == "0":
            extracted = time.monotonic()
        time.sleep(0.5)
    finished = time.monotonic()
    outputs = [p.stdout.read().strip() for p in processes]
    if extracted is None:
        extracted = finished
    articles = int(psql(url, "SELECT count(*) FROM article"))
    linked = int(psql(url, "SELECT count(*) FROM article_link"))
    events = int(psql(url, "SELECT count(DISTINCT event_id) FROM article_link"))
    decisions = digest(psql(url, DECISIONS_SQL).split("\n"))
    return {
        "store": "postgresql", "workers": workers, "articles": articles, "linked": linked, "events": events,
        "decisions_digest": decisions,
        "enqueue_s": round(enqueued - start, 1), "extract_store_s": round(extracted - enqueued, 1),
        "link_s": round(finished - extracted, 1), "total_s": round(finished - start, 1),
        "articles_per_s_extract_store": round(articles / max(extracted - enqueued, 0.001), 1),
        "link_ms_per_article": round(1000 * (finished - extracted) / max(linked, 1), 2),
        "worker_output": outputs,
    }


def sqlite_run(documents, work):
    path = os.path.join(work, "bench.sqlite")
    start = time.monotonic()
    result = subprocess.run([WARTA, "ingest", "--db", path, documents], capture_output=True, text=True)
    finished = time.monotonic()
    stages = {}
    for line in result.stdout.splitlines():
        line = line.strip()
        if line.startswith("stage "):
            name = line.split(":")[0][6:]
            stages[name] = float(line.rsplit(",", 1)[1].strip().split()[0])
    import sqlite3
    db = sqlite3.connect(path)
    articles = db.execute("SELECT count(*) FROM article").fetchone()[0]
    events = db.execute("SELECT count(DISTINCT event_id) FROM article_link").fetchone()[0]
    decisions = digest([row[0] for row in db.execute(DECISIONS_SQL)])
    db.close()
    return {"store": "sqlite", "workers": 1, "articles": articles, "events": events, "decisions_digest": decisions,
            "total_s": round(finished - start, 1), "stages_s": stages,
            "summary": result.stdout.splitlines()[0] if result.stdout else result.stderr[-300:]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=25614)
    parser.add_argument("--out")
    options = parser.parse_args()
    if not os.access(WARTA, os.X_OK):
        sys.exit(f"bench: {WARTA} is missing (swift build -c release --product warta)")
    work = tempfile.mkdtemp(prefix="warta-pgbench.")
    server_dir = tempfile.mkdtemp(prefix="warta-pgbench-server.")
    scratch = os.path.join(ROOT, "scripts/postgres-scratch")
    try:
        url = subprocess.run([scratch, "start", server_dir], stdout=subprocess.PIPE, text=True,
                             check=True).stdout.strip()
        server = url.rsplit("/", 1)[0] + "/postgres"
        documents = os.path.join(work, "input.jsonl")
        count = corpus(documents, options.documents)
        print(f"bench: {count} CLICK-ID documents, {os.cpu_count()} cores, {platform.platform()}", flush=True)
        results = {"documents": count, "cores": os.cpu_count(), "runs": []}
        for run in (lambda: sqlite_run(documents, work),
                    lambda: postgres_run(server, 1, documents, "bench_one"),
                    lambda: postgres_run(server, 2, documents, "bench_two")):
            outcome = run()
            results["runs"].append(outcome)
            print(json.dumps(outcome), flush=True)
        one, two = results["runs"][1], results["runs"][2]
        results["speedup_extract_store_2_over_1"] = round(one["extract_store_s"] / max(two["extract_store_s"], 0.001), 2)
        results["speedup_total_2_over_1"] = round(one["total_s"] / max(two["total_s"], 0.001), 2)
        same = len({run["decisions_digest"] for run in results["runs"]}) == 1
        results["same_decisions"] = same
        print(f"bench: the same link decisions in all three runs: {same}", flush=True)
        print(f"bench: 2 workers over 1: extraction and storing {results['speedup_extract_store_2_over_1']}x, "
              f"whole run {results['speedup_total_2_over_1']}x", flush=True)
        if options.out:
            with open(options.out, "w") as out:
                json.dump(results, out, indent=2)
    finally:
        subprocess.run([scratch, "stop", server_dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["rm", "-rf", work, server_dir])


if __name__ == "__main__":
    main()
