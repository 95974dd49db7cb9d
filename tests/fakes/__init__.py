"""Explicitly fake servers for the tests and the benches, imported as ``tests.fakes.<name>``.

Synthetic model replies live only here.
"""
