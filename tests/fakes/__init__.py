"""Explicitly fake servers for tests. Synthetic model replies live only here."""
