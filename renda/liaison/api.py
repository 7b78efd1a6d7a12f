"""/api/v1/liaison/…"""

from ninja import Router

router = Router(tags=["联系代表"])
