"""The terminal: consoles and colour (``output``), prompts (``prompters``), help (``clihelp``)."""
