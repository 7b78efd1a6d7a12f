"""/api/v1/dashboards/…"""

from ninja import Router

router = Router(tags=["数据看板"])
