"""factory_boy factories for the foundation's models."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from rembug.governments.models import Agency, Government, Membership
from rembug.regions.models import Region

PASSWORD = "rahasia-uji-123"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90 + n // 100:02d}")
    name = factory.Sequence(lambda n: f"Wilayah {n}")
    level = 1
    parent = None


def region_chain(code: str, name: str) -> Region:
    """Create ``code`` and every ancestor it needs (e.g. ``36`` for ``36.73``)."""
    parts = code.split(".")
    parent = None
    for depth in range(1, len(parts) + 1):
        sub = ".".join(parts[:depth])
        parent = RegionFactory(
            code=sub,
            name=name if depth == len(parts) else f"Wilayah {sub}",
            level=depth,
            parent=parent,
        )
    assert parent is not None
    return parent


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Government
        django_get_or_create = ("slug",)

    region = factory.LazyAttribute(lambda o: region_chain(o.code, o.region_name))
    name = factory.LazyAttribute(lambda o: f"Pemerintah {o.region_name}")
    slug = factory.Sequence(lambda n: f"kota-uji-{n}")
    kind = Government.Kind.CITY
    timezone = Government.Zone.WIB

    class Params:
        code = factory.Sequence(lambda n: f"36.{71 + n}")
        region_name = factory.Sequence(lambda n: f"Kota Uji {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    government = factory.SubFactory(GovernmentFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-{n}")
    kind = Agency.Kind.DINAS
    urusan_codes = factory.LazyFunction(lambda: ["2.16"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    full_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    government = factory.SubFactory(GovernmentFactory)
    role = "resident"
    agency = None
