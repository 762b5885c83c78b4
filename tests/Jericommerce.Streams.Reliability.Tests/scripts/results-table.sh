#!/usr/bin/env bash
# Puts a chaos run's results into a page (docs/reliability.md) between <!-- chaos-results:start --> and <!-- chaos-results:end -->:
# the table the scenarios wrote, the fuzz and garbage summaries, and the machine it ran on.
# Usage: results-table.sh <results.md> <page.md>
set -euo pipefail
results=$1
readme=$2
logs="$(dirname "$results")/chaos-logs"
test -s "$results" || { echo "error: no results table at $results (did the chaos run record any scenario?)" >&2; exit 1; }

block=$(mktemp)
trap 'rm -f "$block"' EXIT
{
  echo "<!-- chaos-results:start -->"
  printf 'Run on %s: %s cores, %s MiB of memory, `make chaos`.\n\n' \
    "$(date -u +%Y-%m-%d)" "$(nproc)" "$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)"
  cat "$results"
  for kind in ingress-fuzz raw-garbage; do
    if [ -s "$logs/$kind.txt" ]; then
      printf '\n%s: %s\n' "$kind" "$(tail -n 1 "$logs/$kind.txt")"
    fi
  done
  echo "<!-- chaos-results:end -->"
} > "$block"

grep -q '<!-- chaos-results:start -->' "$readme" || { echo "error: $readme has no <!-- chaos-results:start --> marker" >&2; exit 1; }
awk -v block="$block" '
  /<!-- chaos-results:start -->/ { while ((getline line < block) > 0) print line; skipping = 1; next }
  /<!-- chaos-results:end -->/   { skipping = 0; next }
  !skipping { print }
' "$readme" > "$readme.tmp" && mv "$readme.tmp" "$readme"
echo "$readme: chaos results from $results"
