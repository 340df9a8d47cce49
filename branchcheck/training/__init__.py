"""The trainer's tools: grading against a key, agreement statistics, IPA, course exercises,
and their reports."""
