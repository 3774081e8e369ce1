#!/usr/bin/env bash
# Downloads the pinned PyPI artefacts that the language-identifier model is built from and the peers it
# is compared with. Writes only under /tmp:
#   /tmp/langid-src/      unpacked wordfreq, gflanguages and pycld2 (training and evaluation text)
#   /tmp/venv-langid/     a throwaway venv with msgpack (to read wordfreq) and the peers
#                         lingua-language-detector and langdetect
# Usage: bash scripts/langid/fetch_sources.sh
set -euo pipefail

SRC=/tmp/langid-src
VENV=/tmp/venv-langid
mkdir -p "$SRC"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
    msgpack==1.2.4 lingua-language-detector==2.1.1 langdetect==1.0.9

fetch_wheel() {  # name version
    local name="$1" version="$2" dir="$SRC/$1-$2"
    if [ ! -d "$dir" ]; then
        local tmp
        tmp="$(mktemp -d /tmp/langid-dl.XXXXXX)"
        "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$tmp" "$name==$version"
        mkdir -p "$dir"
        (cd "$dir" && python3 -m zipfile -e "$tmp"/*.whl .)
        rm -rf "$tmp"
    fi
}

fetch_sdist() {  # name version
    local name="$1" version="$2" dir="$SRC/$1-$2"
    if [ ! -d "$dir" ]; then
        local tmp
        tmp="$(mktemp -d /tmp/langid-dl.XXXXXX)"
        "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
            -d "$tmp" "$name==$version"
        mkdir -p "$dir"
        tar -xzf "$tmp"/*.tar.gz -C "$dir" --strip-components=1
        rm -rf "$tmp"
    fi
}

fetch_wheel wordfreq 3.1.1        # word frequencies, Apache-2.0 code, CC BY-SA 4.0 data
fetch_wheel gflanguages 0.7.11    # UDHR sample texts per language, Apache-2.0
fetch_sdist pycld2 0.42           # CLD2 unit-test snippets per language, Apache-2.0

echo "sources ready under $SRC; venv at $VENV"
