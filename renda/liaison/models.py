"""Tables of the liaison app."""
