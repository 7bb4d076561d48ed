"""Synthetic worlds with a planted truth, for tests, benchmarks and evaluation.

Never imported by production code: the matcher is trained and served from
:mod:`matching.core` only.
"""
