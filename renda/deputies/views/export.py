from django.utils import timezone

from renda.core import audit, downloads

from .. import exports, permissions, selectors
from ..filters import RegistryFilter


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
    return downloads.attachment(data, f"deputies-{timezone.localdate():%Y%m%d}.xlsx")
