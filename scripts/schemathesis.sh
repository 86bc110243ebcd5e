#!/usr/bin/env bash
# Runs schemathesis (`st`) from a venv of its own, installing the pinned version from PyPI first
# when the venv is missing or holds another version. The venv lives outside the clone, so a warm
# machine skips the install. Python is for this test tool only; the product is TypeScript.
set -euo pipefail
SCHEMATHESIS_VERSION=4.32.5
venv="${XDG_CACHE_HOME:-$HOME/.cache}/velog-insights/schemathesis-$SCHEMATHESIS_VERSION"
if [ "$("$venv/bin/st" --version 2>/dev/null || true)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
fi
exec "$venv/bin/st" "$@"
