#!/usr/bin/env python3
"""Relative standard error of a site-year P99 at a given path count, by the normal approximation
s.e.(q_p) = sqrt(p(1 - p)/n) / f(q_p) with f(q_0.99) = phi(2.326)/sd, set against the quantile
sketch's relative error bound (0.4975 %). Reads a run's results/site_year.csv (its sd and p99).

Usage: python3 benchmarks/scripts/p99_sampling_error.py RUN_DIR [paths=100000]
The normal density is crude for a loss's tail; for PUE, energy and emissions it is close.
"""
import csv
import math
import sys
from collections import defaultdict

run = sys.argv[1]
n = float(sys.argv[2]) if len(sys.argv) > 2 else 1e5
p = 0.99
density_at_q = math.exp(-0.5 * 2.326347874 ** 2) / math.sqrt(2 * math.pi)  # phi(z_0.99)
metrics = ("pue", "facility_energy_mwh", "energy_cost_cny", "scope2_location_t", "physical_loss_cny")
ratios = defaultdict(list)
for row in csv.DictReader(open(f"{run}/results/site_year.csv", encoding="utf-8")):
    if row["metric"] not in metrics:
        continue
    sd, p99 = float(row["sd"]), float(row["p99"])
    if sd == 0 or p99 == 0:
        continue
    se = math.sqrt(p * (1 - p) / n) / (density_at_q / sd)
    ratios[row["metric"]].append(se / abs(p99))
bound = 0.004975
for metric in metrics:
    values = sorted(ratios[metric])
    median = values[len(values) // 2]
    print(f"{metric:22s} site-years {len(values):5d}  median relative s.e. of P99 {100 * median:.4f} %  "
          f"sketch bound / s.e. {bound / median:6.1f}")
