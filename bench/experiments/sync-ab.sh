#!/usr/bin/env bash
# Two revisions of partner-sync through the sync bench, back to back: the machine's speed drifts
# within minutes (bench/experiments/calibrate.js), so only runs close together compare. Builds each
# revision from `git archive` into a temporary folder (node_modules linked from this checkout) and runs
# its own bench/sync.bench.js in the order given (default A B B A). Prints, per run, the time, the
# calibration workload's time just before it, and the bench's lines on the initial sync, records/s and
# peak RSS.
# Usage: bash bench/experiments/sync-ab.sh REV_A REV_B [size] [order]
#   e.g.  bash bench/experiments/sync-ab.sh 5410839 HEAD 100000 "A B"   (≈ 5 min a run at 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/ensure-node.sh" >/dev/null
[ $# -ge 2 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
size="${3:-100000}"
order="${4:-A B B A}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for side in A B; do
  rev="$1"; [ "$side" = B ] && rev="$2"
  mkdir -p "$work/$side"
  git -C "$root" archive "$rev" | tar -x -C "$work/$side"
  ln -s "$root/node_modules" "$work/$side/node_modules"
  (cd "$work/$side" && npx tsc -p tsconfig.build.json && chmod +x dist/cli.js)
  echo "$side = $rev ($(git -C "$root" rev-parse --short "$rev"))"
done
for side in $order; do
  echo "== $side $(date -u +%H:%M:%S) $(node "$root/bench/experiments/calibrate.js")"
  (cd "$work/$side" && BENCH_SYNC_SIZE="$size" BENCH_SYNC_NAIVE_SAMPLE=20 node bench/sync.bench.js 2>&1 >/dev/null \
    | grep -E '^(initial sync:|target recordsPerSec|target peakRssMb)' | cut -c1-200)
done
