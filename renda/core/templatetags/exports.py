"""`{% export_button %}`: the "导出 Excel" link of a list page — its current filters plus `format=xlsx`."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def export_button(context, label: str = "导出 Excel"):
    request = context["request"]
    query = request.GET.copy()
    for key in ("page", "format"):
        query.pop(key, None)
    query["format"] = "xlsx"
    return format_html(
        '<a class="btn btn-sm btn-outline-secondary" data-export href="?{}" download '
        'title="按当前筛选条件导出全部行">{}</a>',
        query.urlencode(),
        label,
    )
