"""Checks: pure functions from records to findings, one module per concern."""
