"""Coefficients of the vector exp polynomial (src/ClimateRisk.Core/Numerics/Internal/VectorMath.cs),
of the normal tail factor G(t) = Phi(-t)·exp(t²/2) (VectorNormal.cs) and of Phi(-s) on the 16
intervals [j/4, (j+1)/4] of s = |x| < 4 (VectorNormal.cs, the inner region) and of
Phi^-1(r)/(r - 1/2) on the 16 half-binades of r = min(p, 1 - p) in [2^-9, 1/2), fitted with mpmath's
Chebyshev interpolation (near-minimax) and checked by dense sampling in 50-digit arithmetic.

    python3 tests/reference/fit_vector_math.py
"""
import mpmath as mp

mp.mp.dps = 50


def fit(f, a, b, n):
    poly, _ = mp.chebyfit(f, [a, b], n, error=True)
    return [mp.mpf(float(c)) for c in poly]  # rounded to doubles, highest order first


def exp_q():
    h = mp.log(2) / 2 * (1 + mp.mpf("1e-6"))
    f = lambda r: (mp.exp(r) - 1 - r) / (r * r) if r != 0 else mp.mpf("0.5")
    for n in (11, 10):  # the last, degree 9, is used
        c = fit(f, -h, h, n)
        worst = max(abs((1 + r + r * r * mp.polyval(c, r)) / mp.exp(r) - 1) for r in mp.linspace(-h, h, 2001))
        print(f"exp: q degree {n - 1}: max relative error of 1 + r + r²q(r) (exact arithmetic) {mp.nstr(worst, 3)}")
    return c


def normal_g(k=5, n=22, tmax=40):
    g = lambda t: mp.erfc(t / mp.sqrt(2)) / 2 * mp.exp(t * t / 2)
    ymax = (tmax - k) / mp.mpf(tmax + k)
    # H(y) = G(t)·(t + K) tends to a constant as t grows, so relative error stays bounded.
    f = lambda y: g(k * (1 + y) / (1 - y)) * (k * (1 + y) / (1 - y) + k)
    c = fit(f, -1, ymax, n)
    worst = max(abs(mp.polyval(c, y) / f(y) - 1) for y in mp.linspace(-1, ymax, 3001))
    print(f"Phi: H = G·(t + K) in y = (t - {k})/(t + {k}), degree {n - 1}: max relative error {mp.nstr(worst, 3)}; max |coefficient| {mp.nstr(max(abs(x) for x in c), 3)}")
    return c


def normal_inner(intervals=16, width=mp.mpf(1) / 4, n=12):
    """Phi(-s) for s in interval j, as a polynomial P_j(w) of degree n - 1 in w = 8s - (2j + 1),
    in [-1, 1]; returned highest order first, one list of the 16 intervals' coefficients per order."""
    polys = []
    worst = 0
    for j in range(intervals):
        f = lambda w: mp.ncdf(-(j + (1 + w) / 2) * width)
        c = fit(f, -1, 1, n)
        worst = max(worst, max(abs(mp.polyval(c, w) / f(w) - 1) for w in mp.linspace(-1, 1, 401)))
        polys.append(c)
    print(f"Phi inner: {intervals} intervals of {mp.nstr(width, 3)}, degree {n - 1}: max relative error {mp.nstr(worst, 3)} (coefficients rounded to doubles)")
    return [[polys[j][k] for j in range(intervals)] for k in range(n)]


def normal_inverse_inner(binades=8, n=15):
    """g(r) = Phi^-1(r)/(r - 1/2) on the half-binades [2^-(e+1)·(1 + h/2), 2^-(e+1)·(1 + (h+1)/2)),
    e = 1..8, h = 0, 1, as polynomials of degree n - 1 in w = 2f - 1, f the position in the
    half-binade (r's mantissa bits below its top one). The table slot of a half-binade is the low
    four bits of r's bits shifted right by 51 (biased exponent and top mantissa bit), so the
    intervals sit rotated: slot (2·(1022 - e) + h) mod 16."""
    def g(r):
        if r == mp.mpf(1) / 2:
            return mp.sqrt(2 * mp.pi)  # the limit, 1/phi(0)
        return mp.sqrt(2) * mp.erfinv(2 * r - 1) / (r - mp.mpf(1) / 2)

    slots = [None] * 16
    worst = 0
    for e in range(1, binades + 1):
        for h in (0, 1):
            a = mp.mpf(2) ** -(e + 1) * (1 + mp.mpf(h) / 2)
            width = mp.mpf(2) ** -(e + 1) / 2
            f = lambda w: g(a + (w + 1) / 2 * width)
            c = fit(f, -1, 1, n)
            worst = max(worst, max(abs(mp.polyval(c, w) / f(w) - 1) for w in mp.linspace(-1, 1, 401)))
            slots[(2 * (1022 - e) + h) % 16] = c
    print(f"Phi^-1 inner: 16 half-binades of r in [2^-{binades + 1}, 1/2), degree {n - 1}: max relative error of g {mp.nstr(worst, 3)} (coefficients rounded to doubles)")
    return [[slots[j][k] for j in range(16)] for k in range(n)]


if __name__ == "__main__":
    for name, coefficients in (("exp q(r), highest first", exp_q()), ("Phi G(y), highest first", normal_g())):
        print(name)
        for x in coefficients:
            print(f"    {float(x)!r},")
    print("Phi inner P_j(w), by order (highest first), the 16 intervals in a row")
    for order in normal_inner():
        print("        " + ", ".join(repr(float(x)) for x in order) + ",")
    print("Phi^-1 inner g_j(w), by order (highest first), the 16 slots in a row")
    for order in normal_inverse_inner():
        print("        " + ", ".join(repr(float(x)) for x in order) + ",")
