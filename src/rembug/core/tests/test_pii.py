import pytest
from django.template import Context, Template
from django.utils import translation

from rembug.core.pii import PiiKind, pii_find, pii_mask, pii_present
from rembug.core.pii_eval import cases_load, pii_score


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_it_meets_the_recall_and_false_mask_goals_on_the_labelled_set():
    score = pii_score(cases_load())
    assert score.identifiers >= 400
    assert score.numbers >= 400
    assert score.recall >= 0.99, score.misses
    assert score.false_mask_rate <= 0.01, score.false


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NIK:3204123456789012", PiiKind.ID_NUMBER),
        ("NIK3204123456789012 tolong", PiiKind.ID_NUMBER),
        ("KK 3204 1234 5678 9012", PiiKind.ID_NUMBER),
        ("32.04.12.345678.9012", PiiKind.ID_NUMBER),
        ("WA +62 812-3456-7890", PiiKind.PHONE),
        ("hp 0812.3456.7890", PiiKind.PHONE),
        ("telp (0254) 201234", PiiKind.PHONE),
        ("surel budi.s@yahoo.co.id", PiiKind.EMAIL),
        ("no. rek 123-456-7890", PiiKind.BANK_ACCOUNT),
        ("rekening BRI 0021-01-012345-50-1", PiiKind.BANK_ACCOUNT),
    ],
)
def test_it_finds_each_kind_in_its_common_formats(text, kind):
    assert [span.kind for span in pii_find(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Anggaran Rp 1.250.000.000 tahun 2025",
        "RT 03/RW 05 No. 12, kode pos 42191",
        "tanggal 12-05-2024 pukul 08.30",
        "Tahun 2021 2022 2023 2024 tidak diperbaiki",
        "Nomor laporan K7QX3-M9TRA",
        "BRI cabang Serang jalan Veteran no 12",
    ],
)
def test_it_leaves_ordinary_numbers_alone(text):
    assert pii_mask(text) == text
    assert not pii_present(text)


def test_it_replaces_each_identifier_with_a_label_and_keeps_the_rest():
    masked = pii_mask("NIK 3204123456789012, WA 081234567890, rek BCA 1234567890, a@b.id")
    assert masked == (
        "NIK [ID number hidden], WA [phone number hidden], rek BCA [account number hidden], "
        "[e-mail hidden]"
    )


def test_it_speaks_indonesian_by_default():
    with translation.override("id"):
        assert pii_mask("NIK 3204123456789012") == "NIK [NIK/KK disembunyikan]"


def test_the_template_filter_masks_for_the_public_and_shows_staff_the_original():
    template = Template("{% load pii %}{{ text|pii_mask }}|{{ text|pii_mask:staff }}")
    rendered = template.render(Context({"text": "hp 081234567890", "staff": True}))
    assert rendered == "hp [phone number hidden]|hp 081234567890"


def test_empty_text_stays_empty():
    assert pii_mask("") == ""
    assert pii_mask(None) == ""
