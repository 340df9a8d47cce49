"""The complaint register (投诉台账, issue 27): each outlet's complaints with their
deadlines, the five handling steps, escalation and root-cause links, kept in an
append-only, hash-chained register per outlet (the action log's machinery; see
docs/complaints.md).

Modules: ``model`` (names, case), ``rules`` (the clock as data, deadlines on the
working-day calendar), ``state`` (cases folded from events, overdue), ``register``
(the user's operations), ``render`` and ``ledger`` (lists, one case, the printable
register), ``review`` (the complaint-handling checklist prefilled from a case).
"""
