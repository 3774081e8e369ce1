#!/usr/bin/env bash
# CI gate for quotes, speakers, relays, dates and merged spellings (issue 13): `warta eval annotations` on the
# held-out half (`check`) of bench/annotations/id-dev must stay at or above every floor in
# bench/annotations-floor.json, and wrong merges at or below its ceiling. Release build, a few seconds.
#
# Usage: scripts/bench/annotations/gate.sh   (WARTA_BIN overrides .build/release/warta)
set -euo pipefail
cd "$(dirname "$0")/../../.."
warta=${WARTA_BIN:-.build/release/warta}
[ -x "$warta" ] || { echo "annotations gate: FAIL: $warta not built (swift build -c release --product warta)" >&2; exit 1; }
measured=$("$warta" eval annotations --split check --json)
python3 - "$measured" <<'PY'
import json, sys
measured = json.loads(sys.argv[1])
spec = json.load(open("bench/annotations-floor.json"))
failed = False
for name, floor in spec["floors"].items():
    ok = measured[name] + 1e-9 >= floor
    failed |= not ok
    print(f"annotations gate: {'ok' if ok else 'FAIL'}, {name} {measured[name]:.3f} (floor {floor})")
for name, ceiling in spec["ceilings"].items():
    ok = measured[name] <= ceiling + 1e-9
    failed |= not ok
    print(f"annotations gate: {'ok' if ok else 'FAIL'}, {name} {measured[name]:.3f} (ceiling {ceiling})")
if measured["not_extracted"] != 0:
    failed = True
    print(f"annotations gate: FAIL, {measured['not_extracted']} texts not extracted")
sys.exit(1 if failed else 0)
PY
