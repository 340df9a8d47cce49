"""Rater agreement statistics: pure functions, no I/O.

Cohen's kappa (two raters, nominal categories), linear-weighted kappa (two
raters, ordered categories) and Fleiss' kappa (many raters), each with a
standard error and a 95 % confidence interval. Formulas and references are
in docs/trainers.md. A kappa whose chance agreement is 1 (or that has nothing
to compare) is undefined: it comes back as ``value=None`` with a ``reason``,
never as a division by zero.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

H = TypeVar("H", bound=Hashable)

_EPS = 1e-12
Z95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95 % interval."""
BOOTSTRAP_DRAWS = 2000


@dataclass(frozen=True)
class Kappa:
    """A kappa statistic with its parts, or ``value=None`` and the reason it is undefined."""

    value: float | None
    observed: float | None
    expected: float | None
    n: int
    reason: str | None = None
    se: float | None = None
    """Large-sample standard error (Fleiss, Cohen & Everitt 1969; bootstrap for Fleiss')."""
    ci: tuple[float, float] | None = None
    """95 % confidence interval, clipped to [-1, 1]."""
    warning: str | None = None
    """Why the value should not be read (too few items, a one-category key)."""

    @property
    def defined(self) -> bool:
        """Whether the statistic could be computed."""
        return self.value is not None

    @property
    def shown(self) -> float | None:
        """The value to report: None when undefined or when a warning replaces it."""
        return None if self.warning else self.value


def _wald(value: float, var: float) -> tuple[float, tuple[float, float]]:
    """Standard error and clipped 95 % interval ``value +- 1.96 se``."""
    se = math.sqrt(max(var, 0.0))
    return se, (max(-1.0, value - Z95 * se), min(1.0, value + Z95 * se))


def _variance(n: int, kappa: float, p_e: float, terms: float) -> float:
    """Fleiss, Cohen & Everitt (1969) large-sample variance of a (weighted) kappa:
    ``(sum_ij p_ij [w_ij - (wr_i + wc_j)(1 - k)]^2 - [k - p_e (1 - k)]^2) / (n (1 - p_e)^2)``,
    given the first sum as ``terms``."""
    return (terms - (kappa - p_e * (1 - kappa)) ** 2) / (n * (1 - p_e) ** 2)


def confusion(pairs: Sequence[tuple[H, H]], categories: Sequence[H]) -> list[list[int]]:
    """Counts ``m[i][j]`` of pairs rated ``categories[i]`` by rater A and ``[j]`` by B."""
    index = {c: k for k, c in enumerate(categories)}
    m = [[0] * len(categories) for _ in categories]
    for a, b in pairs:
        if a not in index or b not in index:
            raise ValueError(f"rating {a!r}/{b!r} is not one of the categories {categories!r}")
        m[index[a]][index[b]] += 1
    return m


def kappa_from_matrix(
    matrix: Sequence[Sequence[int]], weights: Sequence[Sequence[float]] | None = None
) -> Kappa:
    """(Weighted) kappa of a square confusion matrix.

    ``weights[i][j]`` is the credit for rating ``i`` against ``j`` (1 on the
    diagonal); without weights it is the identity, giving Cohen's kappa:
    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_o = sum w_ij p_ij`` and
    ``p_e = sum w_ij r_i c_j`` (``r``, ``c`` the row and column shares).
    """
    k = len(matrix)
    if any(len(row) != k for row in matrix):
        raise ValueError("the confusion matrix must be square")
    if weights is None:
        weights = [[1.0 if i == j else 0.0 for j in range(k)] for i in range(k)]
    n = sum(sum(row) for row in matrix)
    if n == 0:
        return Kappa(None, None, None, 0, "no items rated by both")
    rows = [sum(matrix[i]) / n for i in range(k)]
    cols = [sum(matrix[i][j] for i in range(k)) / n for j in range(k)]
    p_o = sum(weights[i][j] * matrix[i][j] for i in range(k) for j in range(k)) / n
    p_e = sum(weights[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k))
    if p_e >= 1 - _EPS:
        return Kappa(None, p_o, p_e, n,
                     "chance agreement is 1 (every answer in the same category)")
    kappa = (p_o - p_e) / (1 - p_e)
    wr = [sum(cols[j] * weights[i][j] for j in range(k)) for i in range(k)]
    wc = [sum(rows[i] * weights[i][j] for i in range(k)) for j in range(k)]
    terms = sum(matrix[i][j] / n * (weights[i][j] - (wr[i] + wc[j]) * (1 - kappa)) ** 2
                for i in range(k) for j in range(k) if matrix[i][j])
    se, ci = _wald(kappa, _variance(n, kappa, p_e, terms))
    return Kappa(kappa, p_o, p_e, n, se=se, ci=ci)


def cohen_kappa(pairs: Sequence[tuple[H, H]], categories: Sequence[H]) -> Kappa:
    """Cohen's kappa of two raters' ``(a, b)`` ratings over nominal ``categories``."""
    return kappa_from_matrix(confusion(pairs, categories))


def linear_weights(k: int) -> list[list[float]]:
    """Linear agreement weights ``w_ij = 1 - |i - j| / (k - 1)`` for ``k`` ordered categories."""
    if k < 2:
        return [[1.0] * k for _ in range(k)]
    return [[1.0 - abs(i - j) / (k - 1) for j in range(k)] for i in range(k)]


def weighted_kappa(pairs: Sequence[tuple[int, int]], categories: Sequence[int]) -> Kappa:
    """Linear-weighted kappa of two raters' ratings on ordered ``categories``
    (e.g. the points of a 1-5 scale, in order; a ``range`` is used as is).

    Computed from the ratings, not from a ``k`` x ``k`` matrix, so a scale of
    0-100000 costs no more memory than one of 1-5: with ``d = k - 1``,
    ``p_o = 1 - mean|a - b| / d`` and ``p_e = 1 - mean over all (a, b') of |a - b'| / d``
    (the same sums as :func:`kappa_from_matrix` with :func:`linear_weights`), the
    second in ``O(n log n)`` by sorting.
    """
    k = len(categories)
    if k < 2:
        return Kappa(None, None, None, len(pairs), "a scale needs at least two points")
    if isinstance(categories, range):
        position = categories.index  # O(1) for a range
    else:
        position = {c: i for i, c in enumerate(categories)}.__getitem__
    a: list[int] = []
    b: list[int] = []
    for x, y in pairs:
        try:
            a.append(position(x))
            b.append(position(y))
        except (KeyError, ValueError):
            raise ValueError(f"rating {x!r}/{y!r} is not one of the categories") from None
    n = len(a)
    if n == 0:
        return Kappa(None, None, None, 0, "no items rated by both")
    d = k - 1
    observed = sum(abs(x - y) for x, y in zip(a, b, strict=True))  # exact until divided
    p_o = 1.0 - observed / (n * d)
    p_e = 1.0 - _all_pairs_distance(a, b) / (n * n * d)
    if p_e >= 1 - _EPS:
        return Kappa(None, p_o, p_e, n,
                     "chance agreement is 1 (every answer in the same category)")
    kappa = (p_o - p_e) / (1 - p_e)
    to_b, to_a = _distances(b), _distances(a)  # sum of |x - y| over the other rater
    terms = sum((1 - abs(x - y) / d - (2 - to_b(x) / (n * d) - to_a(y) / (n * d))
                 * (1 - kappa)) ** 2 for x, y in zip(a, b, strict=True)) / n
    se, ci = _wald(kappa, _variance(n, kappa, p_e, terms))
    return Kappa(kappa, p_o, p_e, n, se=se, ci=ci)


def _distances(values: Sequence[int]) -> Callable[[int], int]:
    """``f(x) = sum(|x - y| for y in values)``, each call ``O(log n)``."""
    ordered = sorted(values)
    below = [0]
    for y in ordered:
        below.append(below[-1] + y)
    total = below[-1]

    def f(x: int) -> int:
        m = bisect_right(ordered, x)
        return x * m - below[m] + (total - below[m]) - x * (len(ordered) - m)

    return f


def _all_pairs_distance(a: Sequence[int], b: Sequence[int]) -> int:
    """``sum(|x - y| for x in a for y in b)`` in ``O((|a| + |b|) log |b|)``."""
    ordered = sorted(b)
    below = [0]  # below[m] = sum of the m smallest of b
    for y in ordered:
        below.append(below[-1] + y)
    total_b = below[-1]
    total = 0
    for x in a:
        m = bisect_right(ordered, x)  # m values of b are <= x
        total += x * m - below[m] + (total_b - below[m]) - x * (len(ordered) - m)
    return total


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> Kappa:
    """Fleiss' kappa of ``counts[i][j]``: how many raters put subject ``i`` in category ``j``.

    Every subject must have the same number of raters ``n`` (at least 2):
    ``P_i = (sum_j n_ij^2 - n) / (n (n - 1))``, ``P = mean P_i``,
    ``p_j = sum_i n_ij / (N n)``, ``P_e = sum_j p_j^2``,
    ``kappa = (P - P_e) / (1 - P_e)``.
    """
    subjects = [list(row) for row in counts]
    if not subjects:
        return Kappa(None, None, None, 0, "no items rated by every trainee")
    n = sum(subjects[0])
    if any(sum(row) != n for row in subjects):
        raise ValueError("every subject must be rated by the same number of raters")
    if n < 2:
        return Kappa(None, None, None, len(subjects), "needs at least two raters")
    big_n = len(subjects)
    k = len(subjects[0])
    p_i = [(sum(c * c for c in row) - n) / (n * (n - 1)) for row in subjects]
    p_bar = sum(p_i) / big_n
    p_j = [sum(row[j] for row in subjects) / (big_n * n) for j in range(k)]
    p_e = sum(p * p for p in p_j)
    if p_e >= 1 - _EPS:
        return Kappa(None, p_bar, p_e, big_n,
                     "chance agreement is 1 (every answer in the same category)")
    kappa = (p_bar - p_e) / (1 - p_e)
    se, ci = _bootstrap(subjects, n)
    return Kappa(kappa, p_bar, p_e, big_n, se=se, ci=ci)


def _bootstrap(subjects: Sequence[Sequence[int]], n: int
               ) -> tuple[float | None, tuple[float, float] | None]:
    """Standard deviation and 2.5/97.5 percentiles of Fleiss' kappa over
    :data:`BOOTSTRAP_DRAWS` resamples of the items (fixed seed: same data, same interval)."""
    rng = random.Random(20240501)  # noqa: S311 - reproducible resampling, not security
    big_n = len(subjects)
    agree = [(sum(c * c for c in row) - n) / (n * (n - 1)) for row in subjects]
    rows = range(big_n)
    total = big_n * n
    values: list[float] = []
    for _ in range(BOOTSTRAP_DRAWS):  # P and P_e of each resample from per-item parts
        drawn = rng.choices(rows, k=big_n)
        p_bar = sum(agree[i] for i in drawn) / big_n
        columns = [sum(col) for col in zip(*(subjects[i] for i in drawn), strict=True)]
        p_e = sum((c / total) ** 2 for c in columns)
        if p_e < 1 - _EPS:
            values.append((p_bar - p_e) / (1 - p_e))
    if len(values) < BOOTSTRAP_DRAWS // 2:
        return None, None
    values.sort()
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    lo = values[int(0.025 * (len(values) - 1))]
    hi = values[math.ceil(0.975 * (len(values) - 1))]
    return sd, (max(-1.0, lo), min(1.0, hi))


def with_warning(k: Kappa, warning: str) -> Kappa:
    """``k`` marked so that reports show ``warning`` instead of its value."""
    return replace(k, warning=warning)


def interpret(value: float | None) -> str:
    """Landis & Koch (1977) wording for a kappa value ("n/a" when undefined)."""
    if value is None:
        return "n/a"
    if value < 0:
        return "poor"
    for limit, word in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"),
                        (0.80, "substantial")):
        if value <= limit + 1e-9:  # 0.6 computed as 0.6000000000000001 is still moderate
            return word
    return "almost perfect"


def pabak(observed: float, k: int = 2) -> float:
    """Prevalence- and bias-adjusted kappa of an observed agreement over ``k`` categories
    (Byrt, Bishop & Carlin 1993): ``(k p_o - 1) / (k - 1)``; ``2 p_o - 1`` for pass/fail."""
    return (k * observed - 1) / (k - 1)


def gwet_ac1(matrix: Sequence[Sequence[int]]) -> float | None:
    """Gwet's (2008) AC1 of a square confusion matrix of two raters (None when empty):
    ``(p_o - p_e) / (1 - p_e)`` with ``p_e = sum_k pi_k (1 - pi_k) / (q - 1)``, ``pi_k``
    the mean of the two raters' shares of category k and q the number of categories."""
    q = len(matrix)
    n = sum(sum(row) for row in matrix)
    if n == 0 or q < 2:
        return None
    p_o = sum(matrix[i][i] for i in range(q)) / n
    pis = [(sum(matrix[i]) + sum(row[i] for row in matrix)) / (2 * n) for i in range(q)]
    p_e = sum(p * (1 - p) for p in pis) / (q - 1)
    return (p_o - p_e) / (1 - p_e)
