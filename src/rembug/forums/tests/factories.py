"""factory_boy factories for forums."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from rembug.forums.models import (
    Forum,
    ForumInput,
    InstitutionKind,
    Participant,
    Reaction,
    ScoringCriterion,
    Statement,
    Support,
)
from rembug.testing.factories import AgencyFactory, GovernmentFactory, UserFactory


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    government = factory.SubFactory(GovernmentFactory)
    organiser = factory.SubFactory(AgencyFactory, government=factory.SelfAttribute("..government"))
    kind = Forum.Kind.FORUM_PD
    title = factory.Sequence(lambda n: f"Forum Perangkat Daerah {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    venue = "Ballroom Hotel Ledian"
    agenda = "Pembukaan oleh Sekda\nPaparan rancangan Renja\nDiskusi"
    phase = Forum.Phase.INPUT_OPEN
    allow_public_input = True


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    forum = factory.SubFactory(ForumFactory)
    government = factory.SelfAttribute("forum.government")
    name = factory.Sequence(lambda n: f"Peserta {n}")
    institution = "Universitas Sultan Ageng Tirtayasa"
    institution_kind = InstitutionKind.UNIVERSITY
    is_invited = True
    attendance_code = factory.Sequence(lambda n: f"K{n:05d}")


class ForumInputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumInput

    forum = factory.SubFactory(ForumFactory)
    government = factory.SelfAttribute("forum.government")
    title = factory.Sequence(lambda n: f"Usulan {n}")
    text = factory.Sequence(lambda n: f"Usulan nomor {n} tentang layanan publik kelurahan {n}")
    proposer_name = "Warga Uji"
    institution = "Kecamatan Kasemen"
    institution_kind = InstitutionKind.KECAMATAN
    source = ForumInput.Source.ONLINE


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    forum = factory.SubFactory(ForumFactory)
    government = factory.SelfAttribute("forum.government")
    text = factory.Sequence(lambda n: f"Pernyataan {n}")


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    input = factory.SubFactory(ForumInputFactory)
    government = factory.SelfAttribute("input.government")
    user = factory.SubFactory(UserFactory)


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    statement = factory.SubFactory(StatementFactory)
    government = factory.SelfAttribute("statement.government")
    forum = factory.SelfAttribute("statement.forum")
    participant = factory.SubFactory(ParticipantFactory, forum=factory.SelfAttribute("..forum"))
    value = Reaction.Value.AGREE


class ScoringCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoringCriterion

    forum = factory.SubFactory(ForumFactory)
    government = factory.SelfAttribute("forum.government")
    name = factory.Sequence(lambda n: f"Kriteria {n}")
    weight = 1
