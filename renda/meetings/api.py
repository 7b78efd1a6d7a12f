"""/api/v1/meetings/…"""

from ninja import Router

router = Router(tags=["电子会议"])
