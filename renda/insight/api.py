"""/api/v1/insight/…"""

from ninja import Router

router = Router(tags=["智能分析"])
