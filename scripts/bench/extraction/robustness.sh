#!/usr/bin/env bash
# Feeds `warta extract` the pathological pages of issue 3 and prints the wall time and peak memory of each run.
# Usage: scripts/bench/extraction/robustness.sh [path/to/warta]   (default: .build/release/warta)
# Needs GNU time (/usr/bin/time). The pages are generated in a temporary folder, never committed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
warta=${1:-.build/release/warta}
[ -x "$warta" ] || { echo "error: $warta not found; build it first (swift build -c release)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import os, random, sys
d = sys.argv[1]
para = "<p>Paragraf {}: pembicaraan tidak langsung sedang dilakukan melalui Oman, kata pejabat Iran.</p>\n"
page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Uji - Warta</title></head><body>"
        "<nav><a href='/'>Beranda</a></nav><article>" + "".join(para.format(i) for i in range(40))
        + "</article></body></html>").encode()
open(os.path.join(d, "truncated.html"), "wb").write(page[: len(page) // 2 - 7])
random.seed(3)
open(os.path.join(d, "binary-junk.html"), "wb").write(bytes(random.getrandbits(8) for _ in range(2_000_000)))
big = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Besar</title></head><body><article>"]
size = 0
i = 0
while size < 50 * 1024 * 1024:
    chunk = f"<div class='blok'><p>Paragraf {i}: " + "kata " * 60 + "</p><a href='/x'>tautan</a></div>\n"
    big.append(chunk); size += len(chunk); i += 1
big.append("</article></body></html>")
open(os.path.join(d, "50mb.html"), "w").write("".join(big))
open(os.path.join(d, "nested-100k.html"), "w").write(
    "<html><body>" + "<div>" * 100_000 + "<p>Teks di dasar sarang div yang sangat dalam, cukup panjang untuk dihitung.</p>"
    + "</div>" * 100_000 + "</body></html>")
cp = ("<html><head><meta charset=\"utf-8\"><title>Caf\xe9 na pra\xe7a</title></head><body><article>"
      + "".join(f"<p>{i}: o caf\xe9 da pra\xe7a \x93abre\x94 \xe0s seis \x96 e a not\xedcia corre pela cidade, diz o jornal.</p>"
                for i in range(20))
      + "</article></body></html>")
open(os.path.join(d, "cp1252-claims-utf8.html"), "wb").write(cp.encode("latin-1"))
PY
printf "%-24s %10s %10s %12s  %s\n" page bytes seconds "max RSS MiB" "result"
for page in truncated binary-junk 50mb nested-100k cp1252-claims-utf8; do
    file="$work/$page.html"
    set +e
    /usr/bin/time -f "%e %M" -o "$work/time" "$warta" extract --json "$file" > "$work/out" 2> "$work/err"
    status=$?
    set -e
    read -r seconds kib < <(tail -1 "$work/time")
    if [ $status -eq 0 ]; then
        result=$(python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).readline()); print('ok, encoding', d['encoding'], '|', d['title'][:30], '|', len(d['body']), 'chars')" "$work/out")
    else
        result="exit $status: $(head -c 120 "$work/err" | tr '\n' ' ')"
    fi
    printf "%-24s %10s %10s %12s  %s\n" "$page" "$(stat -c %s "$file")" "$seconds" "$(( kib / 1024 ))" "$result"
    if [ $status -gt 1 ]; then echo "FAIL: $page crashed (exit $status)" >&2; exit 1; fi
done
