#!/usr/bin/env bash
# Measures issue 10's targets on one build and prints each with its figures and "met" or "not
# met": the standard workload at 2 workers and at 1 worker (alternately, PAIRS pairs, so the two
# see the same machine states), two workers ÷ one pair by pair, the kernel in ns per site-year
# and the reduction in ns per summarised value (one worker), 10,000 paths, `bench --screening
# 1000`, and four one-worker shards of the standard workload against one process (CPU, user +
# sys). A verdict is on the median of its runs. With --million also `bench --paths 1000000` (time and peak; about 90 s). Takes about
# 2 minutes at PAIRS = 3 on the 2-core machine of docs/performance.md. With --batch also the
# batch targets (Φ, Φ⁻¹, exp, log ≤ 1 ns a value), from BenchmarkDotNet's BatchBenchmarks
# (ShortRun, spans of 256 and 4,096 values; met when both are; about 2 minutes more; needs a
# Release build of benchmarks/ClimateRisk.Benchmarks in DIR).
#
# With --aot the ahead-of-time build in DIR/out/aot is timed instead of the JIT build (README,
# "Performance": dotnet publish src/ClimateRisk.Cli -c Release -r linux-x64 -p:PublishAot=true -o out/aot).
#
# usage: benchmarks/scripts/targets.sh DIR [PAIRS] [--million] [--batch] [--aot]
# DIR: a checkout with a Release build of the CLI (dotnet build src/ClimateRisk.Cli -c Release)
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,17p' "$0" >&2
  exit 1
fi
d=$1; shift
pairs=3
if [[ ${1:-} =~ ^[0-9]+$ ]]; then pairs=$1; shift; fi
million=""; batch=""; aot=""
for option in "$@"; do
  case "$option" in
    --million) million=--million ;;
    --aot) aot=--aot ;;
    --batch) batch=--batch ;;
    *) echo "targets.sh: unknown option $option" >&2; exit 1 ;;
  esac
done
benchmarks="$d/benchmarks/ClimateRisk.Benchmarks/bin/Release/net10.0/ClimateRisk.Benchmarks.dll"
if [ -n "$batch" ] && [ ! -f "$benchmarks" ]; then
  echo "targets.sh: no Release build of the benchmarks in $d (dotnet build benchmarks/ClimateRisk.Benchmarks -c Release)" >&2
  exit 1
fi
cli="$d/src/ClimateRisk.Cli/bin/Release/net10.0/climaterisk.dll"
climaterisk=(dotnet "$cli")
if [ -n "$aot" ]; then
  climaterisk=("$d/out/aot/climaterisk")
  if [ ! -x "${climaterisk[0]}" ]; then
    echo "targets.sh: no ahead-of-time build in $d/out/aot (README, \"Performance\")" >&2
    exit 1
  fi
elif [ ! -f "$cli" ]; then
  echo "targets.sh: no Release build in $d (dotnet build src/ClimateRisk.Cli -c Release)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The values the reduction summarises in the standard workload (every cell's paths: 4.56 × 10⁹,
# the divisor docs/performance.md uses for "ns per summarised value"); the site-years come from
# bench's own first line.
summarisedValues=4560000000

bench() { (cd "$d" && "${climaterisk[@]}" bench "$@"); }
field() { awk -v key="$1" '$0 ~ "^ *" key {print ($1 == "Wall" || $1 == "Peak") ? $3 : $2; exit}'; }
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "le") ? v <= t : v >= t; print ok ? "met" : "not met" }'; }

two=(); one=(); kernel=(); reduction=(); ratio=()
for i in $(seq "$pairs"); do
  bench > "$out/two"
  bench --workers 1 > "$out/one"
  siteYears=$(awk -F'= ' '/site-years$/ {gsub(/[^0-9]/, "", $2); print $2; exit}' "$out/one")
  w2=$(field Wall < "$out/two"); w1=$(field Wall < "$out/one")
  two+=("$w2"); one+=("$w1")
  kernel+=("$(awk -v k="$(field kernel < "$out/one")" -v n=$siteYears 'BEGIN {printf "%.1f", k / n * 1e9}')")
  reduction+=("$(awk -v r="$(field reduction < "$out/one")" -v n=$summarisedValues 'BEGIN {printf "%.2f", r / n * 1e9}')")
  ratio+=("$(awk -v a="$w1" -v b="$w2" 'BEGIN {printf "%.2f", a / b}')")
done
# Verdicts on the median of the runs (the machine's speed drifts; a best run is not the rule).
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
median1=$(median "${one[@]}")

row() { printf '%-44s %-40s %s\n' "$1" "$2" "$3"; }
row "target" "measured" "verdict"
row "standard workload, 2 workers <= 5 s" "${two[*]} s" "$(verdict "$(median "${two[@]}")" 5 le)"
row "1 worker >= 12 M site-years/s" "$(awk -v w="$median1" -v n=$siteYears 'BEGIN {printf "%.1f M (median %s s)", n / w / 1e6, w}')" "$(verdict "$(awk -v w="$median1" -v n=$siteYears 'BEGIN {print n / w / 1e6}')" 12 ge)"
row "kernel <= 40 ns per site-year (1 worker)" "${kernel[*]} ns" "$(verdict "$(median "${kernel[@]}")" 40 le)"
row "reduction <= 1 ns per summarised value" "${reduction[*]} ns" "$(verdict "$(median "${reduction[@]}")" 1 le)"
row "2 workers / 1 >= 1.85 (pair by pair)" "${ratio[*]}" "$(verdict "$(median "${ratio[@]}")" 1.85 ge)"

short=()
for i in 1 2 3; do short+=("$(bench --paths 10000 | field Wall)"); done
row "10,000 paths <= 0.5 s" "${short[*]} s" "$(verdict "$(median "${short[@]}")" 0.5 le)"

screening=$(bench --screening 1000 | field Wall)
row "bench --screening 1000 <= 20 s" "$screening s" "$(verdict "$screening" 20 le)"
peak=$(field Peak < "$out/two")
row "peak <= 1 GiB (standard workload)" "$peak GiB" "$(verdict "$peak" 1 le)"

cpu() { /usr/bin/time -f '%U %S' -o "$out/time" "$@" > /dev/null && awk '{printf "%.2f", $1 + $2}' "$out/time"; }
common=(run --paths 100000 --workers 1 --no-pdf --sensitivity off)
single=$(cd "$d" && cpu "${climaterisk[@]}" "${common[@]}" --out "$out/single")
shards=0
for i in 0 1 2 3; do
  s=$(cd "$d" && cpu "${climaterisk[@]}" "${common[@]}" --shard "$i/4" --out "$out/shard$i")
  shards=$(awk -v a="$shards" -v b="$s" 'BEGIN {print a + b}')
done
shardRatio=$(awk -v a="$shards" -v b="$single" 'BEGIN {printf "%.2f", a / b}')
row "4 one-worker shards <= 1.3 x one, CPU" "$shards s / $single s = $shardRatio" "$(verdict "$shardRatio" 1.3 le)"

if [ "$million" = "--million" ]; then
  bench --paths 1000000 > "$out/million"
  row "1,000,000 paths <= 4 GiB" "$(field Wall < "$out/million") s, $(field Peak < "$out/million") GiB" "$(verdict "$(field Peak < "$out/million")" 4 le)"
fi

if [ "$batch" = "--batch" ]; then
  # BenchmarkDotNet's table: | Method | Categories | Paths | Mean | …; the mean in ns, μs or ms.
  (cd "$d/benchmarks/ClimateRisk.Benchmarks" && dotnet bin/Release/net10.0/ClimateRisk.Benchmarks.dll --job short \
    --filter '*BatchBenchmarks.CdfVector' '*BatchBenchmarks.InvCdfVector' '*BatchBenchmarks.ExpVector' '*BatchBenchmarks.LogVector') > "$out/batch"
  perValue() {
    awk -F'|' -v method="$1" '
      { gsub(/ /, "", $2) }
      $2 == method {
        paths = $4 + 0; mean = $5; gsub(/,/, "", mean); split(mean, part, " ")
        ns = part[1] * (part[2] == "ms" ? 1e6 : (part[2] == "μs" || part[2] == "us") ? 1e3 : 1)
        printf "%s%.2f", (n++ ? " " : ""), ns / paths
      }' "$out/batch"
  }
  for target in "CdfVector:Phi" "InvCdfVector:Phi^-1" "ExpVector:exp" "LogVector:log"; do
    method=${target%%:*}; name=${target#*:}
    values=$(perValue "$method")
    worst=$(printf '%s\n' $values | sort -g | tail -1)
    row "batch $name <= 1 ns per value (256, 4096)" "$values ns" "$(verdict "${worst:-99}" 1 le)"
  done
fi
