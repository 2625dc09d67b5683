"""Coefficients of the vector exp polynomial (src/ClimateRisk.Core/Numerics/Internal/VectorMath.cs)
and of the normal tail factor G(t) = Phi(-t)·exp(t²/2) (VectorNormal.cs), fitted with mpmath's
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


if __name__ == "__main__":
    for name, coefficients in (("exp q(r), highest first", exp_q()), ("Phi G(y), highest first", normal_g())):
        print(name)
        for x in coefficients:
            print(f"    {float(x)!r},")
