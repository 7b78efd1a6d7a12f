"""Screens of supervision, one module per sub-domain."""
