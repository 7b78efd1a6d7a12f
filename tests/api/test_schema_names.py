"""Every schema the API publishes has a name of its own: django-ninja names OpenAPI components after the
class, so two apps' `MeetingOut` silently became one and schemathesis found responses "violating" the other
app's schema. Found during the wave-2 integration; this keeps it from coming back."""

import importlib
import inspect

from django.apps import apps
from ninja import Schema


def test_no_two_api_modules_define_a_schema_of_the_same_name():
    seen: dict[str, str] = {}
    clashes = []
    for config in apps.get_app_configs():
        if not config.name.startswith("renda."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ImportError:
            continue
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, Schema) and obj.__module__ == module.__name__:
                if name.endswith("Path"):  # path parameters are flattened, never a component
                    continue
                if name in seen:
                    clashes.append(f"{name}: {seen[name]} and {module.__name__}")
                seen[name] = module.__name__
    assert clashes == []


def test_the_published_components_are_all_there():
    from renda.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    names = set(schema["components"]["schemas"])
    assert {"AgendaItemOut", "PlanItemOut", "OfficialMeetingOut", "MeetingOut", "SurveyResultOut"} <= names
