"""学习培训: courses, invitations, attendance from the paper sheet, materials."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.downloads import attachment
from renda.core.params import id_list
from renda.core.permissions import has_role, scope
from renda.core.roles import Role

from .. import export_columns, permissions, services
from ..forms import CourseForm, InviteForm, MaterialForm
from ..models import Course, CourseMaterial
from .common import require_office, run_button, run_form


def courses(request):
    require_office(request)
    form = CourseForm(request.POST or None)
    rows = scope(Course.objects.all(), request.user).prefetch_related("invitations")
    if xlsx_export.wanted(request):  # every course, not only the 100 the page shows
        return xlsx_export.respond(request, "代表培训", rows, export_columns.COURSES, action="liaison.export")
    ctx = {"rows": rows[:100]}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.create_course(body=request.user.body, by=request.user, **d),
            ok="培训班已创建，请邀请参训代表",
            to="liaison:courses",
            template="liaison/courses.html",
            ctx=ctx,
            action="liaison.course_create",
        )
    return render(request, "liaison/courses.html", {**ctx, "form": form})


def _ctx(request, course):
    return {
        "c": course,
        "invitations": course.invitations.select_related("mandate__person"),
        "materials": course.materials.all(),
        "invite_form": InviteForm(mandates=permissions.deputies_of(request.user.body)),
        "material_form": MaterialForm(),
        "window": services.training.signin_window(course),
    }


def course_detail(request, pk: int):
    require_office(request)
    course = get_object_or_404(scope(Course.objects.all(), request.user), pk=pk)
    return render(request, "liaison/course.html", _ctx(request, course))


@require_POST
def course_action(request, pk: int, action: str):
    require_office(request)
    course = get_object_or_404(scope(Course.objects.all(), request.user), pk=pk)
    to = reverse("liaison:course", args=[pk])
    ctx = _ctx(request, course)
    if action == "invite":
        pool = permissions.deputies_of(request.user.body)
        form = InviteForm(request.POST, mandates=pool)

        def call(d):
            people = list(pool) if d["everyone"] else list(d["mandates"])
            if d["new_only"]:
                people = [m for m in (people or pool) if not m.re_elected]
            if not people:
                from renda.core.errors import Refused

                raise Refused("no_deputy_chosen", "请选择邀请的代表")
            return services.invite(course, mandates=people, by=request.user)

        return run_form(
            request,
            form,
            call,
            ok="已邀请并通知代表",
            to=to,
            template="liaison/course.html",
            ctx=ctx,
            action="liaison.course_invite",
            name="invite_form",
        )
    if action == "attendance":
        present = id_list(request.POST.getlist("present"))
        return run_button(
            request,
            lambda: services.register_attendance(course, present=present, by=request.user),
            ok="出勤已登记，已记入代表履职档案",
            to=to,
            action="liaison.course_attendance",
        )
    if action == "material":
        form = MaterialForm(request.POST, request.FILES)
        return run_form(
            request,
            form,
            lambda d: services.add_material(course, by=request.user, **d),
            ok="材料已上传",
            to=to,
            template="liaison/course.html",
            ctx=ctx,
            action="liaison.course_material",
            name="material_form",
        )
    raise Http404


def material_file(request, pk: int):
    """A material: the office in scope, or a deputy invited to the course."""
    row = get_object_or_404(CourseMaterial.objects.select_related("course"), pk=pk)
    if has_role(request.user, Role.DEPUTY):
        if not row.course.invitations.filter(mandate__person__user=request.user).exists():
            raise Http404
    else:
        require_office(request)
        get_object_or_404(scope(Course.objects.all(), request.user), pk=row.course_id)
    if not row.file:
        raise Http404
    with row.file.open("rb") as fh:
        return attachment(fh.read(), row.file.name.rsplit("/", 1)[-1])
