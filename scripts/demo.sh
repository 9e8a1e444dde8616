#!/usr/bin/env bash
# `make demo`: the most end-to-end thing that exists, from a fresh clone, with no credentials.
# Everything happens in a temporary folder that is removed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/dist/cli.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "partner-sync --version"
node "$cli" --version

step "config check (defaults only)"
node "$cli" config check

step "status of a new checkpoint store"
node "$cli" status
