#!/usr/bin/env bash
# Runs `climaterisk bench` alternately on two builds, A then B, PAIRS times, and prints each run's
# phases, then each phase's difference B - A pair by pair: its median and in how many pairs B
# was lower. Alternating matters on a shared virtual machine, whose speed drifts by 10-30 %
# within minutes (docs/performance.md): compare runs of the same pair, not ranges.
#
# usage: benchmarks/scripts/pairs.sh DIR_A DIR_B PAIRS [--aot] [bench options, e.g. --workers 1]
# DIR_A, DIR_B: checkouts with a Release build of the CLI
#   (git worktree add --detach ../before REV && (cd ../before && dotnet build src/ClimateRisk.Cli -c Release));
#   with --aot, their ahead-of-time builds in DIR/out/aot instead (README, "Performance"), run from DIR.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,10p' "$0" >&2
  exit 1
fi
a=$1; b=$2; pairs=$3; shift 3
aot=""
if [ "${1:-}" = --aot ]; then
  aot=1; shift
fi
for d in "$a" "$b"; do
  if [ -n "$aot" ] && [ ! -x "$d/out/aot/climaterisk" ]; then
    echo "pairs.sh: no ahead-of-time build in $d/out/aot (README, \"Performance\")" >&2
    exit 1
  elif [ -z "$aot" ] && [ ! -f "$d/src/ClimateRisk.Cli/bin/Release/net10.0/climaterisk.dll" ]; then
    echo "pairs.sh: no Release build in $d (dotnet build src/ClimateRisk.Cli -c Release)" >&2
    exit 1
  fi
done

bench() {
  # The ahead-of-time build finds the bundled data beside it or in the directory it runs in.
  if [ -n "$aot" ]; then
    (cd "$1" && out/aot/climaterisk bench "${@:2}")
  else
    dotnet "$1/src/ClimateRisk.Cli/bin/Release/net10.0/climaterisk.dll" bench "${@:2}"
  fi
}

phases() {
  # wall kernel reduction csv plans, in seconds
  awk '/^Wall time/ {w=$3} /^ *plans/ {p=$2} /^ *kernel/ {k=$2} /^ *reduction/ {r=$2} /^ *CSV writing/ {c=$3} END {print w, k, r, c, p}'
}

table=$(mktemp)
trap 'rm -f "$table"' EXIT
printf '%-5s %-6s %8s %8s %10s %8s %8s\n' pair build wall kernel reduction csv plans
for i in $(seq "$pairs"); do
  for side in A B; do
    d=$a; [ "$side" = B ] && d=$b
    line=$(bench "$d" "$@" | phases)
    echo "$i $side $line" >> "$table"
    printf '%-5s %-6s %8s %8s %10s %8s %8s\n' "$i" "$side" $line
  done
done

echo
echo "B - A per pair (s): median, pairs where B was lower"
awk '
  { v[$1, $2, 1] = $3; v[$1, $2, 2] = $4; v[$1, $2, 3] = $5; v[$1, $2, 4] = $6; v[$1, $2, 5] = $7; if ($1 > n) n = $1 }
  END {
    split("wall kernel reduction csv plans", name, " ")
    for (f = 1; f <= 5; f++) {
      m = 0; lower = 0
      for (i = 1; i <= n; i++) { d[i] = v[i, "B", f] - v[i, "A", f]; if (d[i] < 0) lower++ }
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (d[j] < d[i]) { t = d[i]; d[i] = d[j]; d[j] = t }
      median = (n % 2) ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2
      printf "  %-10s %+7.2f   %d of %d\n", name[f], median, lower, n
    }
  }' "$table"
