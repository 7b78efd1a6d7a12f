"""The models of insight, free of Django: text features, the router, its metrics and its files."""
