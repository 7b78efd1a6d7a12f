"""Questionnaires: builder, audiences, answers (named or anonymous), live results and statistical reports."""
