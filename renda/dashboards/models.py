"""Tables of the dashboards app."""
