"""A voter's request about their personal data, handled by staff: find by code or phone, export, erase."""

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import downloads
from renda.core.errors import Refused
from renda.core.params import text_param
from renda.core.permissions import require_role
from renda.core.roles import Role

from .. import privacy


def requests(request):
    require_role(request.user, {Role.STAFF}, action="处理个人信息请求")
    source = request.POST if request.method == "POST" else request.GET
    code, phone = text_param(source.get("code"), 30), text_param(source.get("phone"), 30)
    found, error = None, ""
    if code or phone:
        try:
            found = privacy.find(request.user, code=code, phone=phone)
            if request.method == "POST":
                action = request.POST.get("action", "")
                if action == "export":
                    data = privacy.export(request.user, found)
                    return downloads.attachment(data, f"个人信息-{timezone.localdate():%Y%m%d}.json")
                if action == "erase":
                    n = privacy.erase(request.user, found, reason=text_param(request.POST.get("reason"), 500))
                    flash.success(request, f"已删除 {n} 条留言中的个人信息，办理记录已注明。")
                    return redirect("contact:privacy")
        except Refused as exc:
            error = exc.message
    return render(
        request,
        "contact/privacy.html",
        {
            "code": code,
            "phone": phone,
            "found": list(found) if found is not None else None,
            "error": error,
            "rules": privacy.retention(),
        },
        status=422 if error and request.method == "POST" else 200,
    )
