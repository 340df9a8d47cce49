"""Validity checks generated from the bundled JSON Schemas (validation.py)."""
