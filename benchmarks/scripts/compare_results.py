#!/usr/bin/env python3
"""Compare the results CSVs of two run directories (e.g. a merged shard run against one run).

Usage: compare_results.py RUN_A RUN_B

Prints, for site_year.csv and portfolio_year.csv: the largest relative difference of mean, se
and sd; the largest relative difference of a same-sign quantile (p5..p99) and of tvar99; how
many quantiles are zero or of another sign in one run and not the other; and how many
p_exceed values differ; how many means differ and the largest difference of a mean in units
of run A's standard error (for a change that moves results, e.g. new transcendental functions).
Used for the 4-process shard + merge check in docs/scale-out.md.
"""
import csv
import sys


def load(path, keys):
    with open(path, newline="") as f:
        return {tuple(r[k] for k in keys): r for r in csv.DictReader(f)}


def rel(x, y):
    return 0.0 if x == y else abs(x - y) / max(abs(x), abs(y))


def main(a_dir, b_dir):
    for name, keys in [("site_year.csv", ["scenario", "site", "year", "metric"]),
                       ("portfolio_year.csv", ["scenario", "year", "metric"])]:
        a = load(f"{a_dir}/results/{name}", keys)
        b = load(f"{b_dir}/results/{name}", keys)
        if a.keys() != b.keys():
            sys.exit(f"{name}: the two runs have different cells")
        worst = {}
        worst_se = (0.0, None)
        means_moved = 0
        sign_mismatch = 0
        p_exceed_differs = 0
        for k in a:
            ra, rb = a[k], b[k]
            ma, mb, se = float(ra["mean"]), float(rb["mean"]), float(ra["se"])
            if ma != mb:
                means_moved += 1
                if se > 0 and abs(ma - mb) / se > worst_se[0]:
                    worst_se = (abs(ma - mb) / se, k)
            for col in ["mean", "se", "sd"]:
                d = rel(float(ra[col]), float(rb[col]))
                if d > worst.get(col, (0.0, None))[0]:
                    worst[col] = (d, k)
            if ra["p_exceed"] != rb["p_exceed"] and not (ra["p_exceed"] in ("", "NaN") and rb["p_exceed"] in ("", "NaN")):
                p_exceed_differs += 1
            for col in ["p5", "p25", "p50", "p75", "p95", "p99", "tvar99"]:
                x, y = float(ra[col]), float(rb[col])
                if x != y and (x == 0 or y == 0 or (x > 0) != (y > 0)):
                    sign_mismatch += 1
                    continue
                label = "tvar99" if col == "tvar99" else "quantile (same sign)"
                d = rel(x, y)
                if d > worst.get(label, (0.0, None))[0]:
                    worst[label] = (d, k + (col,))
        print(f"{name}: {len(a)} cells")
        for label, (d, where) in worst.items():
            print(f"  largest relative difference of {label}: {d:.3g} at {where}")
        print(f"  means that differ: {means_moved}; largest |mean difference| / se: {worst_se[0]:.3g} at {worst_se[1]}")
        print(f"  quantiles zero or of another sign in one run only: {sign_mismatch}")
        print(f"  p_exceed values that differ: {p_exceed_differs}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
