"""E-mail notifications: what happened, told to whom it concerns, in their language.

* :mod:`.services` — ``notify`` writes an outbox row per recipient in the caller's
  transaction and enqueues its sending on commit; the user's choices; ``muted``.
* :mod:`.events` — one function per event, called in one line by the domain
  service where the event happens (a visit booked, an offer accepted …), and the
  daily reminders (reviews, returns); each picks the recipients.
* :mod:`.messages` and :mod:`.ics` — the message in the recipient's language
  and the ``.ics`` file of a visit or a review.
* :mod:`.sending` and :mod:`.tasks` — the worker's side: claim, send, retry, log
  (ids and kinds only, never an address or a name).
"""
