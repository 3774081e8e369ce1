#!/usr/bin/env bash
# Rebuilds the language-identifier model from scratch: downloads the pinned sources, prepares the
# training and evaluation text under /tmp/langid-work, and writes the model files into
# Sources/WartaText/Resources/langid/. Deterministic: the same inputs give byte-identical files.
#
# Usage: bash scripts/langid/build_model.sh   (then: bash scripts/langid/evaluate.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/fetch_sources.sh"
/tmp/venv-langid/bin/python "$HERE/prepare_data.py"
/tmp/venv-langid/bin/python "$HERE/train_model.py"
