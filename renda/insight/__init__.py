"""Insight: routing classifier, similar items and campaigns, hot topics, reply-quality hints."""
