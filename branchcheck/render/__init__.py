"""Reporters: each renders a core object as lines written to a stream passed in."""
