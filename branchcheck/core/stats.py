"""Small-sample statistics for figures a department defends: pure functions, no I/O.

Formulas and sources are in docs/statistics.md:

* :func:`wilson` -- Wilson score interval of a proportion (Newcombe 1998, method 3);
* :func:`mean_interval` -- Student's t interval of a mean;
* :func:`shrink` -- empirical-Bayes (normal-normal) shrinkage toward a parent mean,
  the between-unit variance estimated by moments (DerSimonian & Laird 1986);
* :func:`funnel` -- funnel-plot control limits (Spiegelhalter 2005);
* :func:`mcnemar_exact` -- the exact (binomial) McNemar test of paired fails;
* :func:`bland_altman` -- mean difference and limits of agreement (Bland & Altman 1986).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)
"""1.959963984540054: the normal quantile of a two-sided 95 % interval."""
Z998 = NormalDist().inv_cdf(0.999)
"""3.090232306167813: the normal quantile of a two-sided 99.8 % interval."""


def z_for(level: float) -> float:
    """The standard normal quantile of a two-sided interval of confidence ``level``."""
    if not 0 < level < 1:
        raise ValueError("a confidence level is between 0 and 1")
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of ``k`` successes in ``n`` trials (None when n = 0):
    ``(2k + z^2 +- z sqrt(z^2 + 4k(n - k)/n)) / (2(n + z^2))``."""
    if n <= 0:
        return None
    if not 0 <= k <= n:
        raise ValueError("k must be between 0 and n")
    z2 = z * z
    centre = 2 * k + z2
    half = z * math.sqrt(z2 + 4 * k * (n - k) / n)
    denom = 2 * (n + z2)
    return max(0.0, (centre - half) / denom), min(1.0, (centre + half) / denom)


# ----------------------------------------------------------------- Student's t


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularised incomplete beta (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function ``I_x(a, b)``."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """The cumulative distribution of Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=1024)
def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` > 0 degrees of freedom (bisection
    on :func:`t_cdf` to 1e-12)."""
    if not 0 < p < 1 or df <= 0:
        raise ValueError("needs 0 < p < 1 and df > 0")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2


@dataclass(frozen=True)
class MeanCI:
    """A mean with its sample standard deviation and two-sided t interval."""

    mean: float
    sd: float | None
    n: int
    ci: tuple[float, float] | None


def mean_interval(values: Sequence[float], level: float = 0.95) -> MeanCI | None:
    """The mean of ``values`` and its t interval ``mean +- t(1-a/2, n-1) s / sqrt(n)``
    (no interval for fewer than two values; None for none)."""
    n = len(values)
    if n == 0:
        return None
    mean = math.fsum(values) / n
    if n < 2:
        return MeanCI(mean, None, 1, None)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(0.5 + level / 2, n - 1) * sd / math.sqrt(n)
    return MeanCI(mean, sd, n, (mean - half, mean + half))


# ----------------------------------------------------------------- shrinkage


@dataclass(frozen=True)
class Shrunk:
    """Empirical-Bayes estimates: each unit's shrunk value and weight on its own data."""

    values: tuple[float, ...]
    weights: tuple[float, ...]
    centre: float
    tau2: float
    """The between-unit variance (0: every unit is pulled fully to the centre)."""


def shrink(estimates: Sequence[float], variances: Sequence[float],
           centre: float | None = None) -> Shrunk:
    """Pull each unit's estimate toward ``centre`` (default: their precision-weighted
    mean) by ``B_i = tau^2 / (tau^2 + v_i)``: ``shrunk_i = c + B_i (x_i - c)``.

    ``v_i`` is the sampling variance of unit i's estimate (``s^2 / n_i`` for a mean,
    ``p(1 - p) / n_i`` for a rate); ``tau^2`` the between-unit variance by moments,
    ``max(0, var(x) - mean(v))`` (the sample variance of the estimates less the mean
    sampling variance). A unit with no sampling error keeps its own value.
    """
    k = len(estimates)
    if k != len(variances):
        raise ValueError("one variance per estimate")
    if k == 0:
        return Shrunk((), (), centre or 0.0, 0.0)
    if centre is None:
        w = [1 / v if v > 0 else 0.0 for v in variances]
        centre = (math.fsum(x * wi for x, wi in zip(estimates, w, strict=True)) / sum(w)
                  if sum(w) > 0 else math.fsum(estimates) / k)
    if k > 1:
        mean = math.fsum(estimates) / k
        spread = math.fsum((x - mean) ** 2 for x in estimates) / (k - 1)
        tau2 = max(0.0, spread - math.fsum(variances) / k)
    else:
        tau2 = 0.0
    weights = tuple(1.0 if v <= 0 else tau2 / (tau2 + v) for v in variances)
    values = tuple(centre + b * (x - centre) for x, b in zip(estimates, weights, strict=True))
    return Shrunk(values, weights, centre, tau2)


# ----------------------------------------------------------------- funnel plot


def funnel(target: float, sd: float, n: float, z: float) -> tuple[float, float]:
    """Control limits at ``n`` checks around ``target``: ``target +- z sd / sqrt(n)``
    (``sd`` of one check; for a rate p, ``sqrt(p (1 - p))``; a plot also draws them
    between whole numbers)."""
    half = z * sd / math.sqrt(n)
    return target - half, target + half


# ----------------------------------------------------------------- paired tests


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value of ``b`` and ``c`` discordant pairs:
    ``min(1, 2 P(X <= min(b, c)))`` for ``X ~ Binomial(b + c, 1/2)``; 1 when b + c = 0."""
    n = b + c
    if n == 0:
        return 1.0
    low = min(b, c)
    if n <= 1000:  # sum of C(n, i) exactly (integers), then one division
        tail = sum(math.comb(n, i) for i in range(low + 1))
        return min(1.0, 2 * tail / (1 << n))
    # larger: the same sum of log terms, log C(n, i+1) = log C(n, i) + log((n-i)/(i+1))
    logs = [0.0]
    for i in range(low):
        logs.append(logs[-1] + math.log((n - i) / (i + 1)))
    top = max(logs)
    log_tail = top + math.log(math.fsum(math.exp(x - top) for x in logs))
    return min(1.0, 2 * math.exp(log_tail - n * math.log(2)))


@dataclass(frozen=True)
class BlandAltman:
    """Mean difference (bias), its sd and the limits of agreement with their 95 % CIs."""

    n: int
    bias: float
    sd: float
    lower: float
    upper: float
    bias_ci: tuple[float, float]
    lower_ci: tuple[float, float]
    upper_ci: tuple[float, float]


def bland_altman(differences: Sequence[float], z: float = Z95) -> BlandAltman | None:
    """Limits of agreement ``bias +- z sd`` of paired differences (None below 2 pairs).

    Intervals (Bland & Altman 1986, section 5): the bias ``+- t s/sqrt(n)``; each
    limit ``+- t sqrt(3 s^2 / n)``, t the 97.5 % quantile on n - 1 degrees of freedom.
    """
    found = mean_interval(differences)
    if found is None or found.sd is None or found.ci is None:
        return None
    n, bias, sd = found.n, found.mean, found.sd
    t = t_quantile(0.975, n - 1)
    half = t * math.sqrt(3 * sd * sd / n)
    lower, upper = bias - z * sd, bias + z * sd
    return BlandAltman(n, bias, sd, lower, upper, found.ci,
                       (lower - half, lower + half), (upper - half, upper + half))
