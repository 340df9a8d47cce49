"""Who checked: self-checks against independent checks (``network honesty``), the
outlets to inspect next (``network audit-sample``). Built on the network warehouse
and its scope; docs/oversight.md has the rules and formulas."""
