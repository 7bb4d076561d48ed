"""The one way to build test data: one module per domain.

* ``accounts``: regions, municipalities, organisations, users of every role
* ``sites``: published work-activity sites with terms and seats
* ``clients``: clients, placements with periods, self-assessments, feedback
* ``jobs``: the job bank's region (``job_bank_world``) and jobs in any state
* ``money``: Stripe against the in-process fake, payout accounts, webhook events
* ``outcomes``: the hand-counted outcome region
* ``datasets``: ``polku-dataset/1`` documents for the matcher (no database)

Benchmarks and the demo build their worlds with these too.
"""
