"""Demo step: filled in below."""
