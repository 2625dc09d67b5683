#!/usr/bin/env bash
# Checks that two builds write byte-identical results: `run --paths 20000 --seed 1` at the default
# worker count and at one worker (the six results CSVs each), and one shard's partial.bin
# (--shard 1/4). Prints "same" or "DIFF" per file and exits 1 if any differ. A change that is
# meant to move numbers is compared by compare_results.py instead.
#
# usage: benchmarks/scripts/same_results.sh DIR_A DIR_B
# DIR_A, DIR_B: checkouts with a Release build of the CLI
set -euo pipefail
if [ $# -ne 2 ]; then
  sed -n '2,8p' "$0" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for side in A B; do
  d=$1; [ "$side" = B ] && d=$2
  cli="$d/src/ClimateRisk.Cli/bin/Release/net10.0/climaterisk.dll"
  common=(run --paths 20000 --seed 1 --no-pdf --sensitivity off)
  (cd "$d" && dotnet "$cli" "${common[@]}" --out "$out/$side-default" > /dev/null)
  (cd "$d" && dotnet "$cli" "${common[@]}" --workers 1 --out "$out/$side-one" > /dev/null)
  (cd "$d" && dotnet "$cli" "${common[@]}" --shard 1/4 --out "$out/$side-shard" > /dev/null)
done

differ=0
for run in default one; do
  for f in $(cd "$out/A-$run/results" && ls ./*.csv); do
    f=${f#./}
    if cmp -s "$out/A-$run/results/$f" "$out/B-$run/results/$f"; then echo "same $run $f"; else echo "DIFF $run $f"; differ=1; fi
  done
done
shard=$(cd "$out/A-shard" && find . -name partial.bin | head -1)
shard=${shard#./}
if [ -z "$shard" ]; then
  echo "same_results.sh: the shard run wrote no partial.bin" >&2
  exit 1
fi
if cmp -s "$out/A-shard/$shard" "$out/B-shard/$shard"; then echo "same shard $shard"; else echo "DIFF shard $shard"; differ=1; fi
exit $differ
