#!/usr/bin/python3
"""Write correctly rounded sums of double sets for
tests/ClimateRisk.Core.Tests/Numerics/ExactSumTests.cs (the tail sum behind TVaR99).

How to rerun (from the repository root):

    /usr/bin/python3 tests/reference/make_exact_sum_references.py

Generated with CPython 3.11 (Debian 12); the standard library only. Deterministic (seeded);
rewrites tests/ClimateRisk.Core.Tests/Reference/distributions/exact_sum.csv. The C# tests read
only the CSV; Python is not needed at test time.

The reference is math.fsum, which is correctly rounded (round half to even; Shewchuk 1997's
partials with CPython's final half-way correction), checked here against a second, independent
computation: the exact rational sum with fractions.Fraction, converted by float(), which
CPython rounds correctly (integer true division). The script stops if the two differ.

Columns: case (an integer), is_sum (0 for an addend, 1 for the case's correctly rounded sum),
value (repr(): shortest round-trip, so C# recovers the exact double). Within a case the
addends are in the order generated (the test also adds them reversed and shuffled).
"""
import math
import os
import random
import sys
from fractions import Fraction

rng = random.Random(20261206)
cases = []


def case(values):
    cases.append([float(v) for v in values])


tiny = 5e-324                      # the smallest subnormal, 2^-1074
max_double = sys.float_info.max

# 1. A loss cell's tail: the 999 values above P99 of a lognormal, unsorted (the shape TVaR99 sums).
case(math.exp(rng.gauss(15.5, 1.2) + 3.0 * abs(rng.gauss(0, 1))) for _ in range(999))
# 2. A narrow positive tail (PUE-like: 1.4 plus small noise), where ascending and other orders
#    round differently most often.
case(1.42 + 0.05 * abs(rng.gauss(0, 1)) for _ in range(1000))
# 3. Both signs with cancellation: the values, their negatives, and small leftovers.
xs = [rng.uniform(-1e6, 1e6) for _ in range(500)]
case(xs + [-x for x in xs] + [rng.uniform(-1e-6, 1e-6) for _ in range(20)])
# 4. The whole exponent range, random signs.
case(rng.choice([-1, 1]) * math.ldexp(rng.random(), rng.randint(-1074, 1023)) for _ in range(2000))
# 5. Subnormals only, and subnormals with the smallest normals (the result crosses 2^-1022).
case(rng.randint(1, 2**52 - 1) * tiny for _ in range(300))
case([math.ldexp(1, -1022), -tiny, tiny * 3] + [rng.randint(1, 2**20) * tiny for _ in range(50)])
# 6. Ties: exactly half an ulp (to even, down and up) and just above half.
case([1.0, math.ldexp(1, -53)])                                  # 1 + 2^-53 -> 1
case([1.0 + math.ldexp(1, -52), math.ldexp(1, -53)])             # odd + half -> up
case([1.0, math.ldexp(1, -53), math.ldexp(1, -106)])             # above half -> up
case([1.0, math.ldexp(1, -53), -math.ldexp(1, -106)])            # below half -> down
case([-1.0, -math.ldexp(1, -53)])                                # negative tie -> -1
case([math.ldexp(1, 1000), math.ldexp(1, 947), tiny])            # a tie broken 2000 binades below
# 7. Exact zero, one addend, and a sum that needs all 53 bits from far-apart parts.
case([1e308, -1e308, 1e-308, -1e-308])
case([math.pi])
case([math.ldexp(1, 60), 1.0, math.ldexp(1, -40), math.ldexp(1, -100)])
# 8. The largest doubles without overflow, and below the overflow threshold by half an ulp.
case([max_double, -max_double, max_double])
case([max_double, math.ldexp(1, 969) - math.ldexp(1, 900)])      # just below the half ulp -> max
# 9. Many copies of a value (a threshold repeated) and a few above it.
case([0.1] * 5000 + [0.7, 0.3, 0.2])
# 10. Catastrophic cancellation (naive sum 0, exact 2), and a large-count series.
case([1e100, 1.0, -1e100, 1.0])
case(1.0 / (i * i) for i in range(1, 2001))

rows = []
for index, values in enumerate(cases):
    f = math.fsum(values)
    exact = float(sum((Fraction(v) for v in values), Fraction(0)))
    if f != exact or math.copysign(1, f) != math.copysign(1, exact):
        sys.exit(f"case {index}: fsum {f!r} differs from the rational sum {exact!r}")
    rows += [f"{index},0,{v!r}" for v in values]
    rows.append(f"{index},1,{f!r}")

out = os.path.join(os.path.dirname(__file__), "..", "ClimateRisk.Core.Tests", "Reference",
                   "distributions", "exact_sum.csv")
with open(out, "w", newline="\n") as f:
    f.write("case,is_sum,value\n")
    f.write("\n".join(rows) + "\n")
print(f"{len(cases)} cases, {len(rows)} rows -> {os.path.normpath(out)}")
