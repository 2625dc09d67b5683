#!/usr/bin/python3
"""Write mpmath reference values of ln Gamma(z) and ln B(a, b) for
tests/ClimateRisk.Core.Tests/Distributions/IncompleteBetaTests.cs (the lane ln Gamma that the
Beta quantile's ln B takes for shapes below 20: shifted up by the recurrence, then Stirling).

How to rerun (from the repository root):

    apt-get install -y python3-mpmath   # Debian package
    /usr/bin/python3 tests/reference/make_ln_gamma_references.py

Generated with mpmath 1.2.1 (Debian 12), mp.dps = 40. Deterministic; rewrites
tests/ClimateRisk.Core.Tests/Reference/distributions/ln_gamma.csv and ln_beta_small.csv. The C#
tests read only the CSVs; Python is not needed at test time.

ln_gamma.csv: z log-spaced over [1e-3, 40] (200 points), the integers 1..25 and points within
1e-6 of 1 and 2 (where ln Gamma crosses 0, so only an absolute bound makes sense), with
lngamma = float(mpmath.loggamma(z)).
ln_beta_small.csv: (a, b) over the kernel's shapes with both below 20 and around the switch at
20 (a in 0.05..19.99, b in 0.05..25, a grid of 24 x 24), with lnbeta = float(log(beta(a, b))).
Floats are written with repr() (shortest round trip), so C# recovers the exact doubles.
"""
import csv
import os

import mpmath

mpmath.mp.dps = 40
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "ClimateRisk.Core.Tests", "Reference", "distributions")

zs = [10 ** (-3 + 4.60206 * i / 199) for i in range(200)]  # 1e-3 .. 40
zs += [float(k) for k in range(1, 26)]
zs += [1 - 1e-6, 1 + 1e-6, 2 - 1e-6, 2 + 1e-6, 0.5, 1.5, 2.5, 19.999999, 20.0, 20.000001]
with open(os.path.join(out, "ln_gamma.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["z", "lngamma"])
    for z in zs:
        w.writerow([repr(z), repr(float(mpmath.loggamma(mpmath.mpf(z))))])

grid_a = [0.05 + (19.94 * i / 23) for i in range(24)]
grid_b = [0.05 + (24.95 * i / 23) for i in range(24)]
with open(os.path.join(out, "ln_beta_small.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["a", "b", "lnbeta"])
    for a in grid_a:
        for b in grid_b:
            v = mpmath.log(mpmath.beta(mpmath.mpf(a), mpmath.mpf(b)))
            w.writerow([repr(a), repr(b), repr(float(v))])
print(len(zs), "ln Gamma points,", len(grid_a) * len(grid_b), "ln B points")
