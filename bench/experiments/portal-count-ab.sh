#!/usr/bin/env bash
# An experiment, not a bench of the product: how much of a sync bench run is the portal emulator's
# `count` (every keyset page counts every match from its anchor to the window's end). Builds a copy of
# HEAD whose emulator stops counting one match past the page — an UNFAITHFUL emulator, which the
# worker tolerates because it only compares `count` with the page's length — and runs
# bench/sync.bench.js with it and with this checkout's dist/ in ABBA order (the machine's speed
# drifts within minutes: only paired runs compare). Prints the initial sync's line of each run.
# Usage: bash bench/experiments/portal-count-ab.sh [size]   (default 100000: ≈ 16 min; needs `npm run build`)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/ensure-node.sh" >/dev/null
size="${1:-100000}"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
git -C "$root" archive HEAD | tar -x -C "$copy"
ln -s "$root/node_modules" "$copy/node_modules"
(cd "$copy" && npx tsc -p tsconfig.build.json)
store="$copy/dist/sandbox/portal/portal-store.js"
grep -q '            count++;' "$store" || { echo "portal-store.js changed: the patch no longer applies" >&2; exit 1; }
sed -i 's/^            count++;$/            count++; if (take !== Infinity \&\& count > end) break;/' "$store"
for build in capped faithful faithful capped; do
  dir="$root"; [ "$build" = capped ] && dir="$copy"
  line="$(cd "$dir" && BENCH_SYNC_SIZE="$size" BENCH_SYNC_NAIVE_SAMPLE=20 node bench/sync.bench.js 2>&1 | grep '^initial sync' | cut -c1-90)"
  echo "$(date -u +%H:%M) $build: $line"
done
