"""Tables of the supervision app."""
