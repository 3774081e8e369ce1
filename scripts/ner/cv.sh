#!/usr/bin/env bash
# 5-fold cross-validation of the entity tagger over NERGrit train + valid (1,881 sentences; sentence i is held out
# in fold i mod 5). Trains one model per fold with `warta train ner --report-valid` (two folds at a time) and prints
# the mean held-out F1 after every epoch, then the best epoch. Extra arguments go to `warta train ner`.
#
# Usage: scripts/ner/cv.sh [--epochs N] [train ner options, e.g. --dropout 0]   (default 60 epochs)
# Needs a release build (swift build -c release) and ../shared (or $WARTA_SHARED). About a minute at 60 epochs.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${WARTA_SHARED:-../shared}/data/id/ner/nergrit
warta=.build/release/warta
[ -x "$warta" ] || { echo "cv: build first: swift build -c release" >&2; exit 1; }
epochs=60
if [ "${1:-}" = "--epochs" ]; then epochs=$2; shift 2; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$data" "$work" <<'PY'
import os, sys
data, work = sys.argv[1], sys.argv[2]
def read(path):
    sentences, current = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip():
            current.append(line)
        elif current:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences
sentences = read(os.path.join(data, "train.tsv")) + read(os.path.join(data, "valid.tsv"))
for fold in range(5):
    os.makedirs(os.path.join(work, f"fold{fold}"))
    for split, keep in (("train", lambda i: i % 5 != fold), ("valid", lambda i: i % 5 == fold)):
        with open(os.path.join(work, f"fold{fold}", split + ".tsv"), "w", encoding="utf-8") as out:
            for index, sentence in enumerate(sentences):
                if keep(index):
                    out.write("\n".join(sentence) + "\n\n")
PY
for fold in 0 1 2 3 4; do
    "$warta" train ner --data "$work/fold$fold" --report-valid --epochs "$epochs" --output "$work/model$fold.bin" "$@" \
        > /dev/null 2> "$work/log$fold" &
    if [ $fold = 1 ] || [ $fold = 3 ]; then wait; fi
done
wait
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
scores = {}
for fold in range(5):
    for line in open(f"{work}/log{fold}"):
        match = re.match(r"epoch (\d+): valid .*F1=([0-9.]+)", line)
        if match:
            scores.setdefault(int(match.group(1)), []).append(float(match.group(2)))
means = {epoch: sum(values) / len(values) for epoch, values in scores.items() if len(values) == 5}
print(" ".join(f"{epoch}:{means[epoch]:.4f}" for epoch in sorted(means)))
best = max(sorted(means), key=lambda epoch: means[epoch])
print(f"cv: best epoch {best}, mean held-out F1 {means[best]:.4f}, folds {scores[best]}")
PY
