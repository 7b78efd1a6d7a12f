"""/api/v1/voting/…"""

from ninja import Router

router = Router(tags=["表决"])
