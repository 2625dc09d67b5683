#!/usr/bin/env python3
"""Where one `climaterisk bench` spends its CPU, by stage of the model, in ns per site-year.

Profiles one run with perf (999 samples a second of each thread, call stacks) and gives every
sample to the first stage below whose pattern its stack matches; a stage's CPU is its samples
÷ 999, divided by the run's site-years. The stages are exclusive (the rows add up to the run):
the Philox uniforms of the copula are in the Philox row, not the copula's. docs/performance.md,
"Twenty-seventh session", has the table this prints and how to read it.

usage: benchmarks/scripts/stages.py DIR [--aot] [--keep FILE] [--leaves N] [bench options, e.g. --workers 1]
  DIR    a checkout with a Release build of the CLI (dotnet build src/ClimateRisk.Cli -c Release),
         or with --aot its ahead-of-time build in DIR/out/aot (README, "Performance")
  --keep FILE   keep the perf data in FILE (perf script -i FILE -F ip,sym ...)
  --leaves N    after the table, the N functions (the sampled frame itself) with the most samples
         in the kernel and in the reduction, in ns per site-year: what a stage's figure is made of
  DIR's options come before the bench options
  STAGES_HZ=4999 in the environment samples more often (short runs such as --paths 10000); the
         sampling itself slows the run (about 1.5x at 4999 a second), so compare shares, or
         tables taken at the same rate
needs perf (linux-perf); the .NET runtime writes /tmp/perf-PID.map for JIT-compiled code.
"""

import os
import re
import subprocess
import sys
import tempfile

FREQUENCY = int(os.environ["STAGES_HZ"]) if os.environ.get("STAGES_HZ", "").isdigit() else 999

KERNEL = "PathKernel__EvaluateBlock"

# Site plans are built on the workers too (ItemQueue), so they are told from the reduction by name.
PLANS = r"SitePlan___ctor|ScenarioPlan___ctor"

# (stage, pattern on the leaf frame or None, pattern on the whole stack or None), first match wins.
# Kernel stages first (the stack holds EvaluateBlock), then the reduction's (by the leaf), then the rest.
KERNEL_STAGES = [
    ("Philox uniforms (every kernel caller: copula, path drivers, site draws)", r"PhiloxBatch__(Uniforms|ScalarTail)", None),
    ("copula: Φ⁻¹ of the independent normals, Cholesky multiply-add (heat, flood, surge, wind)", None, r"PathKernel__CorrelateBlock"),
    ("flood and surge: inundation lists, Beta damage draws", None, r"PathKernel__(ListInundations|SolveInundations)"),
    ("drivers and site transforms: warming, sea level, shocks, Φ, exp, GEV/Gumbel tails and their bounds", None,
     r"PathKernel__(DriversBlock|SiteTransformsBlock|TailTransform|FloodTailFrom|SurgeTailFrom|WindTailFrom|Highest|LargestPositive)"
     r"|LaneLoop__Run|VectorQuantiles__(Gev|Gumbel)"),
    ("heat and drought: hot-day and restricted-day counts, shortfalls", None, r"PathKernel__(Counts|LongCounts|Shortfall|HeatShortfalls|Poisson)"),
    ("chronic heat → PUE, transition (carbon, grid, price, PUE rule), wind, water", None, r"PathKernel__Chronic"),
    ("listed rare paths finished one by one (heat BI, drought)", None, r"PathKernel__FinishRare"),
    ("site totals and insurance", None, r"PathKernel__(TotalsAndInsurance|Totals|Insurance)"),
    ("stores: block rows streamed to the path buffers", r"PathKernel__StreamRow", None),
    ("stores: repeated-row checks", r"RepeatedValue__TryGetBits|PathKernel__FirstOfRepeated", None),
    ("stores: portfolio sums and the total-cost NPV", r"PathKernel__MultiplyInto", r"PathKernel__StoreEntity"),
    ("stores: financial NPVs", None, r"FinancialSeries__AccumulateBlock"),
    ("stores: the entity loop itself, its prefetches and copies", None, r"PathKernel__StoreEntity"),
    ("kernel, other (set-up, zeroing, block loop)", None, None),
]

REDUCTION_STAGES = [
    ("census: moments, key range, zero/negative/exceedance counts", r"SampleSummary__(Census|CountNegative)|RunningMoments__Sum|RadixSelect__KeyRange", None),
    ("selection: histograms", r"RadixSelect__Histogram", None),
    ("selection: candidate copies, positives' compress", r"RadixSelect__(CopyCandidates|Compress|PartitionAtZero|CopyBucket|SplitAtZero)", None),
    ("selection: the rest (select, refine, small sorts, TVaR tail sums)", r"RadixSelect__|KeyOrderSort__|ExactSum__", None),
    ("mapped rows (PUE rows from the climate PUE, Scope 2 market from location)", None, r"PueRows__|Scope2Rows__"),
    ("financial items and NPV cells", None, r"FinancialSeries__"),
    ("skipped blocks filled", None, r"PathBuffers__FillSkipped"),
    ("reduction, other", None, None),
]

OTHER_STAGES = [
    ("first touch of the path buffers and caches", None, r"PathMemory__Allocate|PathBuffers__Rent|PathDrawCache___ctor"),
    ("plans (site PUE tables, scenario plans)", None, PLANS),
    ("results CSVs", None, r"ResultsWriter__|CsvText__|FinancialEffectsWriter__"),
    ("start-up, runtime, kernel (guest OS), other", None, None),
]


def frames(stack_text):
    """
    The symbols of one perf script sample, leaf first, in the ahead-of-time build's spelling: the
    JIT's perf map writes Namespace.Type::Method(…), the ahead-of-time build Namespace_Type__Method.
    """
    out = []
    for line in stack_text.strip().split("\n"):
        parts = line.strip().split(" ", 1)
        out.append(parts[1].replace("::", "__").replace(".", "_") if len(parts) == 2 else "")
    return out


def short_name(frame):
    """A frame's method without its signature or assembly, the same from the JIT's map and the AOT symbols."""
    name = frame.split("(", 1)[0].split()[-1] if frame.strip() else frame
    name = re.sub(r"ClimateRisk_([A-Za-z]+)_ClimateRisk_\1_", "", name)  # the AOT spelling, type arguments too
    return re.sub(r"^ClimateRisk_[A-Za-z]+_", "", name)  # the JIT's


def classify(stack):
    joined = "\n".join(stack)
    leaf = stack[0] if stack else ""
    if KERNEL in joined:
        group, stages = "kernel", KERNEL_STAGES
    elif "ItemQueue" in joined and not re.search(PLANS, joined):
        group, stages = "reduction", REDUCTION_STAGES
    else:
        group, stages = "other", OTHER_STAGES
    for name, leaf_pattern, stack_pattern in stages:
        if leaf_pattern and not re.search(leaf_pattern, leaf):
            continue
        if stack_pattern and not re.search(stack_pattern, joined):
            continue
        return group, name
    raise AssertionError("the last stage of each group matches everything")


def main(argv):
    if len(argv) < 1 or argv[0].startswith("-"):
        print(__doc__[__doc__.index("usage:"):], file=sys.stderr)
        return 1
    directory, rest = argv[0], argv[1:]
    if not os.environ.get("STAGES_HZ", "999").isdigit() or FREQUENCY < 1:
        print(f"stages.py: STAGES_HZ='{os.environ.get('STAGES_HZ')}': expected samples a second, e.g. 4999", file=sys.stderr)
        return 1
    aot = keep = None
    leaves = 0
    while rest and rest[0] in ("--aot", "--keep", "--leaves"):
        if rest[0] == "--aot":
            aot, rest = True, rest[1:]
        elif len(rest) < 2:
            print(f"stages.py: {rest[0]} needs a value", file=sys.stderr)
            return 1
        elif rest[0] == "--keep":
            keep, rest = rest[1], rest[2:]
        elif not rest[1].isdigit():
            print(f"stages.py: --leaves '{rest[1]}': expected a number of functions, e.g. --leaves 20", file=sys.stderr)
            return 1
        else:
            leaves, rest = int(rest[1]), rest[2:]

    if aot:
        program = [os.path.join(directory, "out", "aot", "climaterisk")]
    else:
        program = ["dotnet", os.path.join(directory, "src", "ClimateRisk.Cli", "bin", "Release", "net10.0", "climaterisk.dll")]
    if not os.path.exists(program[-1]):
        print(f"stages.py: no build at {program[-1]} (README, \"Performance\")", file=sys.stderr)
        return 1

    if keep:
        data = keep
    else:
        handle, data = tempfile.mkstemp(suffix=".data")
        os.close(handle)
    env = dict(os.environ, DOTNET_PerfMapEnabled="1", DOTNET_EnableWriteXorExecute="0")
    try:
        bench = subprocess.run(
            ["perf", "record", "-q", "-F", str(FREQUENCY), "-g", "-o", data, *program, "bench", *rest],
            cwd=directory, env=env, check=True, capture_output=True, text=True).stdout
        script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"], check=True, capture_output=True, text=True).stdout
    finally:
        if not keep and os.path.exists(data):
            os.remove(data)

    match = re.search(r"= ([\d,]+) site-years", bench)
    if not match:
        print("stages.py: bench printed no site-years:\n" + bench, file=sys.stderr)
        return 1
    site_years = int(match.group(1).replace(",", ""))
    for line in bench.splitlines():
        if re.match(r"^(Machine|Wall time|Throughput)|^ +(plans|kernel|reduction|CSV writing)", line):
            print(line)

    counts = {}
    leaf_counts = {}
    total = 0
    for sample in script.split("\n\n"):
        stack = frames(sample)
        if not stack or not stack[0]:
            continue
        key = classify(stack)
        counts[key] = counts.get(key, 0) + 1
        leaf_key = (key[0], short_name(stack[0]))
        leaf_counts[leaf_key] = leaf_counts.get(leaf_key, 0) + 1
        total += 1

    def ns(samples):
        return samples / FREQUENCY / site_years * 1e9

    print(f"\n{total:,} samples at {FREQUENCY} a second = {total / FREQUENCY:.2f} s of CPU; {site_years:,} site-years\n")
    print("| stage | ns per site-year | share of the run |")
    print("|---|---:|---:|")
    for group, stages in (("kernel", KERNEL_STAGES), ("reduction", REDUCTION_STAGES), ("other", OTHER_STAGES)):
        group_samples = sum(v for (g, _), v in counts.items() if g == group)
        print(f"| **{group}** | **{ns(group_samples):.1f}** | {100 * group_samples / total:.1f} % |")
        for name, _, _ in stages:
            samples = counts.get((group, name), 0)
            print(f"| — {name} | {ns(samples):.1f} | {100 * samples / total:.1f} % |")
    for group in ("kernel", "reduction") if leaves else ():
        print(f"\n| {group}: function | ns per site-year |")
        print("|---|---:|")
        top = sorted(((v, leaf) for (g, leaf), v in leaf_counts.items() if g == group), reverse=True)[:leaves]
        for samples, leaf in top:
            print(f"| {leaf} | {ns(samples):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
