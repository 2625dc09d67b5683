#!/usr/bin/python3
"""Ishigami Sobol indices for ClimateRisk.Core.Tests/Sensitivity/SobolEstimatorTests.cs.

How to rerun (from the repository root):

    /usr/bin/python3 tests/reference/make_sensitivity_references.py

Prints the closed forms (Sobol' & Levitan 1999; Saltelli et al. 2008, Global Sensitivity
Analysis: The Primer, section 4.9) and, independently, the same indices from a 60^3-point
Gauss-Legendre quadrature of the conditional expectations and variances. Run with NumPy 1.24.2
(Debian 12); output of that run:

closed 13.844587940719254 0.31390519114781146 0.4424111447900409 0 0.5575888552099592 0.4424111447900409 0.24368366406214773
quad   13.844587940719036 0.31390519114781024 0.44241114479004584 3.158491707143228e-30 0.5575888552099542 0.44241114479004584 0.24368366406214378

(columns: V, S1, S2, S3, ST1, ST2, ST3). The tests hold the closed-form values.
"""
import numpy as np

a, b = 7.0, 0.1
pi = np.pi
V = a * a / 8 + b * pi**4 / 5 + b * b * pi**8 / 18 + 0.5
V1 = 0.5 * (1 + b * pi**4 / 5) ** 2
V2 = a * a / 8
V13 = b * b * pi**8 / 18 - b * b * pi**8 / 50  # = 8 b^2 pi^8 / 225
print("closed", V, V1 / V, V2 / V, 0, (V1 + V13) / V, V2 / V, V13 / V)


def f(x1, x2, x3):
    return np.sin(x1) + a * np.sin(x2) ** 2 + b * x3**4 * np.sin(x1)


n = 60
x, w = np.polynomial.legendre.leggauss(n)
x = x * pi
w = w / 2  # weights of the uniform density on (-pi, pi)
X1, X2, X3 = np.meshgrid(x, x, x, indexing="ij")
W = w[:, None, None] * w[None, :, None] * w[None, None, :]
F = f(X1, X2, X3)
m = (W * F).sum()
Vn = (W * (F - m) ** 2).sum()


def first(axis):
    others = [k for k in range(3) if k != axis]
    wo = w[:, None] * w[None, :]
    E = np.moveaxis(F, axis, 0)
    Ei = (E * wo[None, :, :]).sum(axis=(1, 2))
    return (w * (Ei - m) ** 2).sum() / Vn


def total(axis):
    shape = [-1 if k == axis else 1 for k in range(3)]
    Em = (F * w.reshape(shape)).sum(axis=axis, keepdims=True)
    Vc = ((F - Em) ** 2 * w.reshape(shape)).sum(axis=axis)
    return (w[:, None] * w[None, :] * Vc).sum() / Vn


print("quad  ", Vn, first(0), first(1), first(2), total(0), total(1), total(2))
