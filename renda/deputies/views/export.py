from renda.core import xlsx_export

from .. import exports, permissions, selectors
from ..filters import RegistryFilter


def export_xlsx(request):
    """The filtered list as xlsx (all rows, ID and phone masked, filters in the title); audited."""
    permissions.require_read(request.user)
    qs = selectors.search_mandates(request.user, RegistryFilter.from_mapping(request.GET))
    table = xlsx_export.Table(exports.COLUMNS, exports._registry_row)
    return xlsx_export.respond(
        request, "代表名册", qs, table, action="deputies.export", object_type="deputies.mandate"
    )
