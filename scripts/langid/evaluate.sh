#!/usr/bin/env bash
# Measures the language identifier on the held-out evaluation set, next to its peers.
#
# Builds a throwaway SwiftPM package under /tmp/langid-eval-pkg from the repository's
# LanguageIdentifier.swift (never builds inside the repository), runs it on /tmp/langid-work/eval/*.tsv
# (made by prepare_data.py), checks that the Python mirror (refimpl.py) gives the same answers, runs
# lingua and langdetect, and prints the Markdown tables of docs/langid.md. Writes only under /tmp.
#
# Usage: bash scripts/langid/evaluate.sh   (after fetch_sources.sh and prepare_data.py)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL="$REPO/Sources/WartaText/Resources/langid"
PKG=/tmp/langid-eval-pkg
WORK=/tmp/langid-work
OUT="$WORK/results"
PY=/tmp/venv-langid/bin/python
mkdir -p "$OUT" "$PKG/Sources/WartaCore" "$PKG/Sources/WartaText" "$PKG/Sources/langid-eval"

cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
let package = Package(
    name: "LangIDEval",
    targets: [
        .target(name: "WartaCore", swiftSettings: settings),
        .target(name: "WartaText", dependencies: ["WartaCore"], swiftSettings: settings),
        .executableTarget(name: "langid-eval", dependencies: ["WartaCore", "WartaText"], swiftSettings: settings),
    ],
    swiftLanguageModes: [.v6]
)
SWIFT
cat > "$PKG/Sources/WartaCore/LanguageCode.swift" <<'SWIFT'
public enum LanguageCode: String, Codable, Sendable, CaseIterable {
    case indonesian = "id", english = "en", malay = "ms", other = "other"
}
SWIFT
cat > "$PKG/Sources/WartaText/LanguageData.swift" <<'SWIFT'
import Foundation

package enum LanguageData {
    package static func text(_ relativePath: String) throws -> String {
        let root = ProcessInfo.processInfo.environment["LANGID_RESOURCES"] ?? "."
        return try String(contentsOf: URL(fileURLWithPath: root).appendingPathComponent(relativePath), encoding: .utf8)
    }
}
SWIFT
cp "$REPO/Sources/WartaText/Languages/LanguageIdentifier.swift" "$PKG/Sources/WartaText/"
cp "$REPO/scripts/langid/eval-main.swift" "$PKG/Sources/langid-eval/main.swift"
(cd "$PKG" && swift build -c release 2>&1 | tail -1)

for set in dev eval; do
    echo "== $set: Warta (Swift)"
    "$PKG/.build/release/langid-eval" "$MODEL" < "$WORK/eval/$set.tsv" > "$OUT/warta-$set.tsv"
    python3 "$REPO/scripts/langid/refimpl.py" "$MODEL" "$WORK/eval/$set.tsv" \
        --predict "$OUT/refimpl-$set.tsv" > /dev/null
    if cmp -s <(cut -f1 "$OUT/warta-$set.tsv") <(cut -f1 "$OUT/refimpl-$set.tsv"); then
        echo "Swift and the Python mirror agree on every $set row"
    else
        echo "WARNING: Swift and refimpl.py disagree on $set" >&2
    fi
done

for peer in lingua lingua3 langdetect; do
    "$PY" "$REPO/scripts/langid/peers.py" "$peer" "$WORK/eval/eval.tsv" > "$OUT/$peer-eval.tsv"
done

echo
echo "== held-out evaluation set ($WORK/eval/eval.tsv)"
python3 "$REPO/scripts/langid/score.py" "$WORK/eval/eval.tsv" "Warta=$OUT/warta-eval.tsv" \
    "lingua (all languages)=$OUT/lingua-eval.tsv" "lingua (id/en/ms only)=$OUT/lingua3-eval.tsv" \
    "langdetect=$OUT/langdetect-eval.tsv" | tee "$OUT/report.md"
