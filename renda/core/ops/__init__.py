"""Running renda for a real office: the production check, backup and restore (issue 21; docs/deploy.md)."""
