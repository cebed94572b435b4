"""The bidang urusan of Permendagri 90/2019 that reports are routed by, and a guess of which an
agency carries from its name (for imported histories whose agencies have no codes yet).

Numbering as in the regulation's reference list: 1.01–1.06 wajib pelayanan dasar, 2.07–2.24 wajib
non pelayanan dasar, 3.25–3.32 pilihan, then the supporting units (4.01 Sekretariat Daerah …
8.01 Kesatuan Bangsa dan Politik). Tenaga kerja is 2.07, pangan 2.09, lingkungan hidup 2.11.
"""

from __future__ import annotations

import re

__all__ = ["URUSAN", "urusan_aliases", "urusan_guess"]

URUSAN: dict[str, str] = {
    "1.01": "Pendidikan",
    "1.02": "Kesehatan",
    "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Perumahan dan Kawasan Permukiman",
    "1.05": "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat",
    "1.06": "Sosial",
    "2.07": "Tenaga Kerja",
    "2.08": "Pemberdayaan Perempuan dan Pelindungan Anak",
    "2.09": "Pangan",
    "2.10": "Pertanahan",
    "2.11": "Lingkungan Hidup",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil",
    "2.13": "Pemberdayaan Masyarakat dan Desa",
    "2.14": "Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika",
    "2.17": "Koperasi, Usaha Kecil, dan Menengah",
    "2.18": "Penanaman Modal",
    "2.19": "Kepemudaan dan Olahraga",
    "2.20": "Statistik",
    "2.21": "Persandian",
    "2.22": "Kebudayaan",
    "2.23": "Perpustakaan",
    "2.24": "Kearsipan",
    "3.25": "Kelautan dan Perikanan",
    "3.26": "Pariwisata",
    "3.27": "Pertanian",
    "3.28": "Kehutanan",
    "3.29": "Energi dan Sumber Daya Mineral",
    "3.30": "Perdagangan",
    "3.31": "Perindustrian",
    "3.32": "Transmigrasi",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Perencanaan",
    "5.02": "Keuangan",
    "5.03": "Kepegawaian",
    "5.04": "Pendidikan dan Pelatihan",
    "5.05": "Penelitian dan Pengembangan",
    "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan",
    "8.01": "Kesatuan Bangsa dan Politik",
}

# Words in an agency's name that say which urusan it carries ("Dinas Perumahan dan Kawasan
# Permukiman dan Pertanahan" carries 1.04 and 2.10).
_NAME_WORDS: tuple[tuple[str, str], ...] = (
    (r"pekerjaan umum|bina marga|sumber daya air|tata ruang|pupr", "1.03"),
    (r"perumahan|permukiman|perkim", "1.04"),
    (r"pamong praja|satpol|pemadam|kebakaran|penanggulangan bencana|bpbd", "1.05"),
    (r"kesehatan|rumah sakit|rsud|puskesmas", "1.02"),
    (r"pendidikan|disdik", "1.01"),
    (r"sosial|dinsos", "1.06"),
    (r"tenaga kerja|ketenagakerjaan|disnaker", "2.07"),
    (r"perempuan|perlindungan anak|pelindungan anak|daldukppa|dp3a", "2.08"),
    (r"pangan|ketahanan pangan", "2.09"),
    (r"pertanahan", "2.10"),
    (r"lingkungan hidup|kebersihan|dlh", "2.11"),
    (r"kependudukan|pencatatan sipil|disdukcapil|dukcapil", "2.12"),
    (r"pemberdayaan masyarakat|desa|dpmd", "2.13"),
    (r"pengendalian penduduk|keluarga berencana|daldukppa|dppkb", "2.14"),
    (r"perhubungan|dishub", "2.15"),
    (r"komunikasi|informatika|kominfo", "2.16"),
    (r"koperasi|usaha kecil|umkm|ukm", "2.17"),
    (r"penanaman modal|pelayanan terpadu|perizinan|dpmptsp", "2.18"),
    (r"pemuda|olah ?raga|dispora", "2.19"),
    (r"statistik", "2.20"),
    (r"persandian", "2.21"),
    (r"kebudayaan", "2.22"),
    (r"perpustakaan", "2.23"),
    (r"kearsipan|arsip", "2.24"),
    (r"perikanan|kelautan", "3.25"),
    (r"pariwisata", "3.26"),
    (r"pertanian|peternakan|perkebunan|tanaman pangan|holtikultura|hortikultura", "3.27"),
    (r"kehutanan", "3.28"),
    (r"energi|sumber daya mineral", "3.29"),
    (r"perdagangan|pasar", "3.30"),
    (r"perindustrian|industri", "3.31"),
    (r"transmigrasi", "3.32"),
    (r"sekretariat daerah|setda|bagian", "4.01"),
    (r"sekretariat dprd|setwan|dprd", "4.02"),
    (r"perencanaan|bappeda", "5.01"),
    (r"keuangan|pendapatan|bapenda|bpkad|aset", "5.02"),
    (r"kepegawaian|sumber daya manusia|bkpsdm|bkd", "5.03"),
    (r"inspektorat", "6.01"),
    (r"^kecamatan|camat", "7.01"),
    (r"kesatuan bangsa|kesbangpol", "8.01"),
)
_NAME_PATTERNS = tuple((re.compile(rf"\b(?:{words})"), code) for words, code in _NAME_WORDS)


def urusan_guess(agency_name: str) -> list[str]:
    """The urusan codes an agency's name suggests, in the order of the list above; [] if none."""
    name = agency_name.lower()
    codes: list[str] = []
    for pattern, code in _NAME_PATTERNS:
        if pattern.search(name) and code not in codes:
            codes.append(code)
    return codes


def urusan_aliases(code: str) -> list[str]:
    """The words and abbreviations by which agencies carrying ``code`` are named ("perizinan",
    "dpmptsp"), from the list above."""
    out: list[str] = []
    for words, carried in _NAME_WORDS:
        if carried == code:
            out += [w.strip("^").replace(" ?", " ") for w in words.split("|")]
    return out
