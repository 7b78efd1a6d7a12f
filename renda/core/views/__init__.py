"""Thin views of the core app, one module per screen group."""
