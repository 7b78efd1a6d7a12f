"""Query parameters an operation does not know are refused, API-wide (issue 19 "Bad input").

django-ninja ignores unknown query parameters, so `?stat=open` (a typo of `state`) silently returned every
row. Each operation's known names are read once from its query models (the flattened filter schemas and the
paginator's limit/offset); any other name is a 400 `{code: "unknown_parameter", message}`.
"""

from ninja.operation import Operation

from .auth import ApiError


def known_query_names(op: Operation) -> frozenset[str]:
    cached = getattr(op, "_renda_query_names", None)
    if cached is not None:
        return cached
    names: set[str] = set()
    for model in op.models:
        if model.__ninja_param_source__ != "query":
            continue
        flat = getattr(model, "__ninja_flatten_map__", None)
        if flat:
            names.update(flat)
        else:
            names.update(f.alias or n for n, f in model.model_fields.items())
    op._renda_query_names = frozenset(names)
    return op._renda_query_names


_original = Operation._get_values


def _get_values(self, request, path_params, temporal_response):
    unknown = sorted(set(request.GET) - known_query_names(self))
    if unknown:
        shown = "、".join(u[:30] for u in unknown[:5])
        allowed = "、".join(sorted(known_query_names(self))) or "无"
        raise ApiError(400, "unknown_parameter", f"不支持的查询参数：{shown}（可用：{allowed}）")
    return _original(self, request, path_params, temporal_response)


def install() -> None:
    Operation._get_values = _get_values
