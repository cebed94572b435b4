"""The theme story of the demo: three Pamulang reports → one input of Tangsel's Forum PD →
accepted into the Renja 2026 sub kegiatan for public internet; every link readable both ways."""

import pytest

from rembug.complaints.models import Complaint
from rembug.demo import complaints as demo_complaints
from rembug.demo import forums as demo_forums
from rembug.demo import foundation, planning, themes
from rembug.demo.context import DemoContext
from rembug.forums.models import Disposition, Forum, ForumInputReport
from rembug.planning.models import PlanItemInput
from rembug.testing.factories import RegionFactory, region_chain

DISTRICTS = {
    "36.73": ["Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan"],
    "36.74": ["Serpong", "Serpong Utara", "Pondok Aren", "Ciputat", "Ciputat Timur", "Pamulang"],
}


@pytest.fixture
def ctx(db):
    for code, name in [("36.73", "Kota Serang"), ("36.74", "Kota Tangerang Selatan")]:
        city = region_chain(code, name)
        for n, district in enumerate(DISTRICTS[code], start=1):
            RegionFactory(code=f"{code}.{n:02d}", name=district, level=3, parent=city)
    context = DemoContext()
    for module in (foundation, planning, demo_forums, demo_complaints, themes):
        module.load(context)
    return context


def test_the_theme_became_a_forum_input_and_then_a_renja_item(ctx, client):
    forum = Forum.objects.get(title=themes.FORUM_TITLE)
    assert forum.phase == Forum.Phase.PUBLISHED
    links = ForumInputReport.objects.filter(input__forum=forum).select_related("complaint")
    titles = {link.complaint.title for link in links}
    assert titles == {story.title for story in themes.STORIES}
    item = links[0].input
    assert Disposition.objects.get(input=item).outcome == "accepted"
    renja_link = PlanItemInput.objects.get(
        source_kind=PlanItemInput.SourceKind.FORUM_INPUT, source_id=item.pk
    )
    assert renja_link.item.code == themes.PUBLIC_INTERNET
    assert renja_link.item.document.title == themes.RENJA_TITLE

    report = Complaint.objects.get(title=themes.STORIES[0].title)
    page = client.get(report.get_absolute_url()).text
    assert item.get_absolute_url() in page and f"/butir/{renja_link.item.pk}/" in page
    assert f"/aduan/{report.pk}/" in client.get(item.get_absolute_url()).text


def test_loading_again_adds_nothing(ctx):
    before = (Complaint.objects.count(), ForumInputReport.objects.count(), Forum.objects.count())
    themes.load(ctx)
    after = (Complaint.objects.count(), ForumInputReport.objects.count(), Forum.objects.count())
    assert after == before
