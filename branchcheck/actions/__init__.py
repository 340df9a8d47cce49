"""Rectification (整改): corrective actions opened from failed items, tracked in an
append-only, hash-chained event log per branch (see docs/actions.md).

Modules: ``model`` (events, actions, statuses), ``log`` (reading, verifying and
appending the log), ``state`` (current actions derived from events), ``calendar``
(business days), ``evidence`` (content-addressed store), ``hook`` (what storing a
result does), ``ops`` (the user operations: assign, fix, ...).
"""
