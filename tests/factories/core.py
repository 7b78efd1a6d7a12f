import factory

from renda.core.models import Body, BodyKind, Level, Unit, User
from renda.core.roles import Role

PASSWORD = "Test-pass-2026"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"测试{n}县人民代表大会")
    kind = BodyKind.CONGRESS
    level = Level.COUNTY
    region_code = factory.Sequence(lambda n: f"36{n:04d}")


class TownshipFactory(BodyFactory):
    name = factory.Sequence(lambda n: f"测试{n}镇人大主席团")
    kind = BodyKind.PRESIDIUM
    level = Level.TOWNSHIP


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试局{n}")
    body = factory.SubFactory(BodyFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.STAFF
    body = factory.SubFactory(BodyFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UnitUserFactory(UserFactory):
    role = Role.UNIT_HANDLER
    body = None
    unit = factory.SubFactory(UnitFactory)
