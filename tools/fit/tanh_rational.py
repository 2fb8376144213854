#!/usr/bin/env python3
"""Fits the rational approximation tanh(x) ~ x*P(x^2)/Q(x^2) used by NetGen.Kernels.Tanh (Vector256 path).

P has degree 6 and Q degree 3 in t = x^2; the fit is a linearised least-squares solve iterated towards minimax
relative error (Loeb weights 1/(f*Q), Lawson reweighting) on Chebyshev nodes of [0, c], c = 9.02, beyond which
tanh rounds to 1 in float32. Prints the float32 coefficients and the error of a float32 Horner evaluation over
[0, 12] and powers of two down to 2^-40 (2026-11-24: approximation error 6.8e-9 relative; with float32 rounding
at most 6.3 ulp without FMA, mean 1.0 ulp).

Run: apt-get install python3-numpy; /usr/bin/python3 tools/fit/tanh_rational.py
"""
import numpy as np
c = 9.02
n = 20000
# Chebyshev-distributed nodes on [0, c] (dense near both ends)
x = (1 - np.cos(np.linspace(0, np.pi, n))) / 2 * c
x = x[x > 1e-6]
t = x*x; u = t/(c*c)
f = np.tanh(x)
nP, nQ = 7, 4
def solve(w):
    A = np.hstack([np.stack([x*u**k for k in range(nP)],1), np.stack([-f*u**k for k in range(1,nQ)],1)])
    sol,*_ = np.linalg.lstsq(A*w[:,None], f*w, rcond=None)
    return sol[:nP], np.concatenate([[1.0], sol[nP:]])
w = 1/f; lw = np.ones_like(x)
best = None
for it in range(200):
    p,q = solve(w*lw)
    Q = np.polynomial.polynomial.polyval(u, q); P = np.polynomial.polynomial.polyval(u, p)
    if Q.min() <= 0: print("Q not positive at it", it); break
    err = np.abs(x*P/Q - f)/f
    if best is None or err.max() < best[0]: best = (err.max(), p.copy(), q.copy())
    w = 1/(f*Q)
    if it > 5:
        lw = lw * (err/err.max())**0.5 + 1e-3; lw /= lw.mean()
e, p, q = best
print("best max rel err (double):", e)
# back to t: coefficient of t^k = coeff_u / c^(2k)
pt = np.array([p[k]/c**(2*k) for k in range(nP)]); qt = np.array([q[k]/c**(2*k) for k in range(nQ)])
p32 = pt.astype(np.float32); q32 = qt.astype(np.float32)
xs = np.concatenate([np.linspace(0, 12, 3000001), 2.0**np.arange(-40, 0)]).astype(np.float32)
xc = np.minimum(xs, np.float32(c))
tt = xc*xc
def horner(cs, v):
    r = np.full_like(v, cs[-1])
    for k in range(len(cs)-2, -1, -1): r = (r*v + cs[k]).astype(np.float32)
    return r
R = np.minimum(xc*horner(p32, tt)/horner(q32, tt), np.float32(1))
true = np.tanh(xs.astype(np.float64))
m = xs > 0
rel = np.abs(R[m]-true[m])/true[m]
ulp = np.abs(R[m]-true[m])/np.spacing(true[m].astype(np.float32))
print("float32 eval: max rel", rel.max(), "at", xs[m][np.argmax(rel)], "max ulps", ulp.max(), "mean ulps", ulp.mean())
for k,v in enumerate(p32): print(f"P{k} {float(v)!r}")
for k,v in enumerate(q32): print(f"Q{k} {float(v)!r}")
