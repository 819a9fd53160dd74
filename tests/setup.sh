#!/usr/bin/env bash
# What the tests need beyond pip, installed once: Neo4j's Cypher front end (npm, pinned in
# tests/lint/package.json) that lints every template, and headless Chromium (Debian
# package) that renders the views. Safe to run again: it installs only what is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -f "$here/lint/package.json" ] && [ ! -d "$here/lint/node_modules" ]; then
  npm ci --prefix "$here/lint" --no-audit --no-fund --loglevel=error
fi
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
