"""Navigation, home-page lines and the signals of other modules (registered from AppConfig.ready)."""


def register() -> None:
    from renda.core import policy as resolver
    from renda.core.nav import register_nav, register_waiting
    from renda.core.roles import Role
    from renda.portal import links

    from . import demo  # noqa: F401  (registers the demo step)
    from .models import DutyPolicy
    from .selectors import waiting

    resolver.register(DutyPolicy)

    register_nav("履职", "duties:home", {Role.STAFF, Role.LEADER, Role.DEPUTY}, order=30)
    register_waiting({Role.STAFF, Role.DEPUTY}, waiting)
    links.register("代表履职", "代表履职积分公示", "duties_public:scores", order=30)
    connect_sources()
    from renda.deputies import hooks as deputy_hooks

    deputy_hooks.register_profile_panel(20, public_panel)


def public_panel(request, person, mandates) -> str:
    """The published duty summary on the public deputy page, one block per current seat that has one."""
    from django.template.loader import render_to_string

    from .selectors import public_summary

    html = []
    for mandate in mandates:
        summary = public_summary(mandate)
        if summary:
            html.append(
                render_to_string(
                    "duties/_public_summary.html", {"summary": summary, "mandate": mandate}, request=request
                )
            )
    return "".join(html)


def connect_sources() -> None:
    """Duty records from other modules (crossapp contract): suggestions and contact."""
    from renda.contact.signals import reception_served
    from renda.suggestions.signals import suggestion_accepted

    from .services import receivers

    suggestion_accepted.connect(receivers.on_suggestion_accepted, dispatch_uid="duties.suggestion_accepted")
    reception_served.connect(receivers.on_reception_served, dispatch_uid="duties.reception_served")
