#!/usr/bin/env bash
# Sourced by the extraction comparisons: makes the trafilatura 2.3 venv at $venv (outside the repository) when it
# is missing, then builds the release warta. $venv defaults to $VENV, else /tmp/venv-trafilatura.
venv="${venv:-${VENV:-/tmp/venv-trafilatura}}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
    echo "== creating $venv with trafilatura 2.3" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "trafilatura==2.3.*" lxml_html_clean
fi
echo "== building warta (release)" >&2
swift build -c release --product warta >&2
