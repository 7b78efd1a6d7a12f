"""Demo step: the county's deputies (filled in below)."""
