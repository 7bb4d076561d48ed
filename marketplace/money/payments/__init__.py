"""The only code that talks to Stripe: the gateway, webhook verification, errors.

Everything outside this package sees plain data classes, never Stripe objects, and
sends Stripe only ids of our own rows, amounts and organisations' accounts — never a
participant's personal data.
"""
