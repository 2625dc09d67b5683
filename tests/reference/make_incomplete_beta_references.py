#!/usr/bin/python3
"""Write SciPy reference values of the regularized incomplete Beta function for
tests/ClimateRisk.Core.Tests/Distributions/IncompleteBetaTests.cs.

How to rerun (from the repository root):

    apt-get install -y python3-scipy python3-mpmath   # Debian packages
    /usr/bin/python3 tests/reference/make_incomplete_beta_references.py

Generated with SciPy 1.10.1 / NumPy 1.24.2 / mpmath 1.2.1 (Debian 12 packages). Deterministic;
rewrites tests/ClimateRisk.Core.Tests/Reference/distributions/betainc_damage.csv. The C# tests read
only the CSV; Python is not needed at test time.

What it covers: the Beta shapes the flood/surge damage draw uses (MODEL §6: damage ratio ~
Beta with the depth-damage curve's mean and standard deviation, method of moments, variance
clamped to 0.999 m(1 - m)) for the three bundled JRC curves (data/vulnerability/jrc_flood.csv),
at effective depths from 1e-4 m (b ~ 2.4e4: the shapes grow like 1/depth near 0) to just below
6 m (where the mean tends to 1), and at points x spread over the distribution (the p-quantiles
for p from 1e-12 to 1 - 1e-12), i.e. where the quantile's Newton iteration evaluates it.

Columns: a, b, x, I = betainc(a, b, x), Q = 1 - I_x(a, b) (SciPy), and I_mp, Q_mp, the same by
mpmath at 40 significant digits (mpmath.betainc, regularized), rounded to double.
  * Q is betainc(b, a, 1 - x) with 1 - x exact: x >= 0.5 (Sterbenz), or x < 0.5 rounded to a
    multiple of 2^-53 (done here for x >= 2^-30). For x < 2^-30 (never the small tail there:
    checked) Q = 1 - I, accurate to ~1e-16 absolute, hence relative, since Q is near 1.
  * Floats are written with repr() (shortest round-trip), so C# recovers the exact doubles.
  * SciPy's betainc (Cephes incbet) is itself off by up to 7.6e-11 relative at the largest
    shape (b = 3.3e4, depth 1e-4 m: ln Gamma of a large argument), 1.3e-12 at b = 3.3e3, so
    the mpmath columns are the tight reference and the SciPy columns a second, independent one
    within SciPy's own error. The script prints the largest relative difference of SciPy from
    mpmath.
"""
import csv
import math
import os

import mpmath
import numpy as np
import scipy
from scipy import special, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ClimateRisk.Core.Tests",
                   "Reference", "distributions", "betainc_damage.csv")

# data/vulnerability/jrc_flood.csv: depth m -> (mean, sd)
CURVES = {
    "residential": [(0, 0, 0), (0.5, 0.327, 0.252), (1, 0.494, 0.215), (1.5, 0.617, 0.214),
                    (2, 0.721, 0.207), (3, 0.87, 0.168), (4, 0.931, 0.125), (5, 0.984, 0.048),
                    (6, 1.0, 0)],
    "commercial": [(0, 0, 0), (0.5, 0.377, 0.24), (1, 0.538, 0.241), (1.5, 0.659, 0.244),
                   (2, 0.763, 0.25), (3, 0.883, 0.172), (4, 0.942, 0.112), (5, 0.981, 0.053),
                   (6, 1.0, 0)],
    "industrial": [(0, 0, 0), (0.5, 0.283, 0.243), (1, 0.482, 0.296), (1.5, 0.629, 0.301),
                   (2, 0.717, 0.269), (3, 0.857, 0.234), (4, 0.909, 0.159), (5, 0.955, 0.079),
                   (6, 1.0, 0)],
}
DEPTHS = [1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0,
          4.5, 5.0, 5.5, 5.9, 5.99, 5.999]
PS = [1e-12, 1e-8, 1e-5, 1e-3, 0.01, 0.05, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95, 0.99, 0.999,
      1 - 1e-5, 1 - 1e-8, 1 - 1e-12]


def shapes(mean, sd):
    """BetaQuantile.ParametersFromMeanSd, same floating-point operations."""
    bernoulli = mean * (1.0 - mean)
    variance = sd * sd
    if variance >= bernoulli:
        variance = 0.999 * bernoulli
    nu = (bernoulli / variance) - 1.0
    return mean * nu, (1.0 - mean) * nu


def at(curve, depth):
    d = [r[0] for r in curve]
    return float(np.interp(depth, d, [r[1] for r in curve])), float(np.interp(depth, d, [r[2] for r in curve]))


def main():
    mpmath.mp.dps = 40
    rows, worst = [], 0.0
    for name, curve in CURVES.items():
        for depth in DEPTHS:
            a, b = shapes(*at(curve, depth))
            for p in PS:
                x = float(stats.beta.ppf(p, a, b))
                if not (0.0 < x < 1.0):
                    continue
                if 2.0 ** -30 <= x < 0.5:
                    x = round(x * 2.0 ** 53) / 2.0 ** 53
                i = float(special.betainc(a, b, x))
                if x >= 2.0 ** -30:
                    assert 1.0 - x == float(mpmath.mpf(1) - mpmath.mpf(x))
                    q = float(special.betainc(b, a, 1.0 - x))
                else:
                    assert i < 1e-3, (a, b, x, i)
                    q = 1.0 - i
                exact_i = mpmath.betainc(a, b, 0, x, regularized=True)
                exact_q = mpmath.betainc(a, b, x, 1, regularized=True)
                for got, exact in ((i, exact_i), (q, exact_q)):
                    if exact > 0:
                        worst = max(worst, float(abs(mpmath.mpf(got) - exact) / exact))
                rows.append((a, b, x, i, q, float(exact_i), float(exact_q)))
    with open(os.path.normpath(OUT), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["# scipy " + scipy.__version__ + "; generated by tests/reference/make_incomplete_beta_references.py"])
        w.writerow(["a", "b", "x", "I", "Q", "I_mp", "Q_mp"])
        for r in rows:
            w.writerow([repr(float(v)) for v in r])
    print(f"{os.path.normpath(OUT)}: {len(rows)} rows; largest relative difference of SciPy from mpmath: {worst:.2e}")


if __name__ == "__main__":
    main()
