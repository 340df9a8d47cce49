"""The organisation directory (``directory``): units, parents, calendar and programme."""
