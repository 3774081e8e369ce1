#!/usr/bin/env python3
"""The table of compare.sh: median records/s, ratios, peak RSS, and whether every reader counted the same records.

Reads, for each TOOL and round R, WORK/TOOL.R.json (the reader's JSON output: at least records, responses, seconds),
WORK/TOOL.R.time (/usr/bin/time -v output) and WORK/TOOL.R.rc (exit code). EXPECTED is make-bench-warc.py's
FILE.json (the counts the file was written with); without it only the readers are compared with each other.

Exits 1 when a reader's counts differ from another's or from EXPECTED, after printing the table.

Usage: summarize.py --work DIR --rounds N --file FILE [--expected FILE.json] [--skip TOOL=REASON]
                    [--version TOOL=VERSION] TOOL...
"""

import argparse
import json
import os
import re
import statistics
import sys

RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)")


def parse_json(text):
    """The reader's JSON object: the whole output, or else its last line that is one."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def load_round(work, tool, round_no):
    base = os.path.join(work, "{}.{}".format(tool, round_no))
    row = {"round": round_no}
    try:
        row["rc"] = int(open(base + ".rc").read().strip() or "0")
    except (OSError, ValueError):
        row["rc"] = None
    try:
        row["out"] = parse_json(open(base + ".json", encoding="utf-8", errors="replace").read())
    except OSError:
        row["out"] = None
    try:
        timing = open(base + ".time", encoding="utf-8", errors="replace").read()
    except OSError:
        timing = ""
    match = RSS.search(timing)
    row["rss_kb"] = int(match.group(1)) if match else None
    match = WALL.search(timing)
    if match:
        hours, minutes, seconds = match.groups()
        row["wall"] = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--expected")
    parser.add_argument("--skip", action="append", default=[], help="TOOL=REASON for a reader that was not run")
    parser.add_argument("--version", action="append", default=[], help="TOOL=VERSION when its output names none")
    parser.add_argument("tools", nargs="+")
    args = parser.parse_args()

    size = os.path.getsize(args.file)
    expected = None
    if args.expected and os.path.exists(args.expected):
        expected = json.load(open(args.expected, encoding="utf-8"))
    skipped = dict(item.split("=", 1) for item in args.skip)
    versions = dict(item.split("=", 1) for item in args.version)

    results, problems = {}, []
    for tool in args.tools:
        rounds = [load_round(args.work, tool, n) for n in range(1, args.rounds + 1)]
        good = [r for r in rounds if r["rc"] == 0 and isinstance(r["out"], dict)
                and isinstance(r["out"].get("records"), int) and r["out"].get("seconds")]
        for r in rounds:
            if r not in good:
                problems.append("{} round {}: exit code {}, output {}".format(
                    tool, r["round"], r["rc"], "unreadable" if r["out"] is None else "without records/seconds"))
        if not good:
            continue
        rates = [r["out"]["records"] / r["out"]["seconds"] for r in good]
        rss = [r["rss_kb"] for r in good if r["rss_kb"] is not None]
        results[tool] = {
            "version": good[0]["out"].get("version") or versions.get(tool, ""),
            "records": sorted({r["out"]["records"] for r in good}),
            "responses": sorted({r["out"].get("responses") for r in good}, key=str),
            "rate": statistics.median(rates), "rate_min": min(rates), "rate_max": max(rates),
            "seconds": statistics.median(r["out"]["seconds"] for r in good),
            "wall": statistics.median(r.get("wall", float("nan")) for r in good),
            "rss_mb": statistics.median(rss) / 1024 if rss else None,
            "rss_max_mb": max(rss) / 1024 if rss else None,
            "rounds": len(good),
        }

    print()
    print("{:<10} {:>8} {:>9} {:>10} {:>12} {:>19} {:>9} {:>9} {:>13}".format(
        "reader", "version", "records", "responses", "records/s", "(min-max)", "scan s", "MB/s gz", "peak RSS MB"))
    for tool in args.tools:
        if tool not in results:
            reason = skipped.get(tool, "no successful round")
            print("{:<10} not measured: {}".format(tool, reason))
            continue
        r = results[tool]
        rss = "{:.0f} (max {:.0f})".format(r["rss_mb"], r["rss_max_mb"]) if r["rss_mb"] is not None else "?"
        print("{:<10} {:>8} {:>9} {:>10} {:>12,.0f} {:>19} {:>9.2f} {:>9.1f} {:>13}".format(
            tool, str(r["version"])[:8], "/".join(map(str, r["records"])), "/".join(map(str, r["responses"])),
            r["rate"], "({:,.0f}-{:,.0f})".format(r["rate_min"], r["rate_max"]), r["seconds"],
            size / r["seconds"] / 1e6, rss))
    for tool, reason in skipped.items():
        if tool not in args.tools:
            print("{:<10} not measured: {}".format(tool, reason))
    print("median of {} rounds; records/s = records / the reader's own scan time (process start-up excluded); "
          "MB/s gz = file bytes / scan time; peak RSS from /usr/bin/time -v".format(args.rounds))

    if "warta" in results:
        for peer in ("fastwarc", "warcio"):
            if peer in results:
                print("ratio warta/{}: {:.2f}x (records/s, medians)".format(peer, results["warta"]["rate"] /
                                                                          results[peer]["rate"]))

    # Counts: every reader must see the same records and responses, and what the file was written with.
    reference = {}
    if expected:
        reference["make-bench-warc.py"] = (expected["records"], expected["responses"])
    for tool, r in results.items():
        if len(r["records"]) > 1 or len(r["responses"]) > 1:
            problems.append("{} counted differently across rounds: records {}, responses {}".format(
                tool, r["records"], r["responses"]))
        reference[tool] = (r["records"][0], r["responses"][0])
    if len(set(reference.values())) > 1:
        problems.append("record counts disagree: " + ", ".join(
            "{} records={} responses={}".format(name, *counts) for name, counts in reference.items()))
    if problems:
        print()
        print("!" * 78)
        for problem in problems:
            print("!! MISMATCH/FAILURE: " + problem)
        print("!" * 78)
        sys.exit(1)
    print("counts agree: " + ", ".join("{} {}/{}".format(name, *counts) for name, counts in reference.items())
          + " (records/responses)")


if __name__ == "__main__":
    main()
