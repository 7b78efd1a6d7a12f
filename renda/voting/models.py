"""Tables of the voting app."""
