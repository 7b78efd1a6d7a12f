from django.http import HttpResponse
from django.utils import timezone

from renda.core import audit

from .. import exports, permissions, selectors
from ..filters import RegistryFilter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_xlsx(request):
    """The filtered list as xlsx; exporting personal data is audited."""
    permissions.require_read(request.user)
    f = RegistryFilter.from_mapping(request.GET)
    qs = selectors.search_mandates(request.user, f)
    data = exports.registry_xlsx(qs)
    audit.record(
        "deputies.export",
        by=request.user,
        object_type="deputies.mandate",
        object_repr="代表名册导出",
        after={"filters": f.as_query(), "bytes": len(data)},
    )
    response = HttpResponse(data, content_type=XLSX)
    name = f"deputies-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
