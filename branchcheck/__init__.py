"""branchcheck: self-assessment checklists for retail bank branches."""

__version__ = "0.1.0"
