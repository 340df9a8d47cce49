"""Trustworthy results: self-consistency, verification against the checklist,
the chain of results and Ed25519 signatures (docs/integrity.md).

``consistency``: a result's scores re-derived from its own items (every format).
``against``: a result re-scored against its checklist, found by sha256.
``canonical``: the bytes that are hashed and signed.
``signing``: key pairs, signing and checking signatures (``cryptography``, lazily).
``assess``: all of the above for one stored document.
(Storing a result in its chain lives in :mod:`branchcheck.results.chain`.)
"""
