"""Leader dashboard, big screen, year-end reports, printing and open data."""
