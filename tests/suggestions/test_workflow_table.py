"""What is particular to the suggestion state table. Reachability, exits, citations and clocks of every table are
walked once in tests/core/test_workflow_tables.py."""

from renda.suggestions import workflow


def test_every_step_cites_the_suggestions_chapter():
    # domain.md §1: suggestions and motions; a step citing another chapter cites the wrong rule
    for s in workflow.STEPS:
        assert s.cite.startswith("§1."), s.action
