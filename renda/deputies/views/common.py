"""Pieces the staff views share: the bodies deputies sit in, within the viewer's scope."""

from renda.core.selectors import deputy_bodies

__all__ = ["deputy_bodies"]
