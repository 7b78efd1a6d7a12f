"""Tables of the insight app."""
