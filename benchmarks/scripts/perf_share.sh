#!/usr/bin/env bash
# Profiles one `climaterisk bench` of a build with perf and prints the run's phases, the number of
# samples, and how many samples have a function matching REGEX as their top frame (self) and
# anywhere in their stack (inclusive). Shares of one run are steadier than seconds on a machine
# whose speed drifts; alternate two builds and compare shares (docs/performance.md).
#
# usage: benchmarks/scripts/perf_share.sh DIR REGEX [bench options, e.g. --workers 1]
# needs perf (linux-perf); the .NET runtime writes /tmp/perf-PID.map for the JIT-compiled code.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,8p' "$0" >&2
  exit 1
fi
d=$1; regex=$2; shift 2
data=$(mktemp)
trap 'rm -f "$data"' EXIT
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -F 999 -g -o "$data" \
  dotnet "$d/src/ClimateRisk.Cli/bin/Release/net10.0/climaterisk.dll" bench "$@" 2> /dev/null \
  | awk '/^Wall time|^ *(plans|kernel|reduction|CSV writing)/'
perf script -i "$data" -F ip,sym 2> /dev/null | awk -v pattern="$regex" '
  BEGIN { RS = "" }
  { total++; split($0, frame, "\n"); if (frame[1] ~ pattern) self++; if ($0 ~ pattern) inclusive++ }
  END { printf "samples %d, self %d (%.1f %%), inclusive %d (%.1f %%)\n", total, self, 100 * self / total, inclusive, 100 * inclusive / total }'
