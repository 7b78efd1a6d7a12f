"""Supervision: annual plan, special reports and deliberation opinions, satisfaction votes, appraisal, hearings, inspections, livelihood projects, budget warnings, filing and case review."""
