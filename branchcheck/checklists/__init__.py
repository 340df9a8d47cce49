"""The checklist format: finding, loading, linting and checking checklists, answers, seed
sources, scaffolding and the bundled catalogue."""
