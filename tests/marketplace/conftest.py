"""Fixtures of the job-bank tests (defined in tests/jobbank.py)."""

from tests.jobbank import bank, no_payments, stripe_fake  # noqa: F401
