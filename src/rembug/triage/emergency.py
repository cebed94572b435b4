"""Emergency detection for the 112 path: does this text describe something happening now that
needs firefighters, an ambulance, the police or disaster response?

Built for recall: a missed fire costs far more than a coordinator dismissing a false alarm. It is
a set of compiled patterns (microseconds per text, safe on every keystroke pause), in three steps:

1. figures of speech that only look like emergencies are blanked out ("banjir informasi",
   "kebakaran jenggot", "pembunuhan karakter", "darurat sipil"...);
2. triggers per kind are searched in what remains;
3. a trigger inside talk about policy, prevention, statistics or the past ("angka kecelakaan",
   "sosialisasi pencegahan kebakaran", "tahun lalu banjir") is set aside, unless the text also
   carries a sign of urgency ("tolong", "terjebak", "ada korban", "sekarang").

The labelled set in ``data/emergency_labelled.tsv`` measures it (see the tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["KINDS", "EmergencyResult", "emergency_detect"]


@dataclass(frozen=True)
class EmergencyResult:
    is_emergency: bool
    kind: str = ""
    matched: list[str] = field(default_factory=list)


# Common short forms in typed reports, expanded before matching.
_SHORT_FORMS = {
    "tlg": "tolong",
    "tlong": "tolong",
    "tolongg": "tolong",
    "skrg": "sekarang",
    "skr": "sekarang",
    "skrang": "sekarang",
    "sgr": "segera",
    "kbakaran": "kebakaran",
    "kebakran": "kebakaran",
    "kbanjiran": "kebanjiran",
    "bnjir": "banjir",
    "kcelakaan": "kecelakaan",
    "kecelakan": "kecelakaan",
    "lakalantas": "kecelakaan lalu lintas",
    "laka": "kecelakaan",
    "ambulan": "ambulans",
    "ambulance": "ambulans",
    "damkar": "pemadam kebakaran",
    "yg": "yang",
    "dgn": "dengan",
    "sdh": "sudah",
    "udh": "sudah",
    "blm": "belum",
    "gk": "tidak",
    "ga": "tidak",
    "gak": "tidak",
    "tdk": "tidak",
}
_WORD = re.compile(r"[a-z0-9]+")

# Figures of speech and policy terms that contain an emergency word but are not an emergency.
_FIGURES = re.compile(
    r"\b(?:"
    r"(?:ke)?banjir(?:an)?\s+(?:informasi|info|hoaks|hoax|berita|diskon|promo|pesanan|order|orderan"
    r"|job|pujian|kritik|komentar|keluhan|laporan|aduan|pengunjung|peminat|pembeli|penonton"
    r"|air\s+mata|hadiah|rezeki|rejeki|bantuan|produk|barang|impor|investasi|like|followers"
    r"|pelanggan|penumpang|pendaftar|lamaran|tawaran|permintaan|proyek|ucapan|dukungan|data"
    r"|iklan|spam|notifikasi|pesan|tugas|pekerjaan|kerjaan|paket)"
    r"|(?:pemadam|petugas|dinas|mobil|pos)\s+(?:pemadam\s+)?kebakaran"
    r"|kebakaran\s+jenggot"
    r"|darurat\s+(?:sipil|militer|narkoba|literasi|sampah|iklim|kesehatan\s+masyarakat|korupsi"
    r"|pendidikan|demokrasi|ekonomi|energi|pangan|moral|guru|stunting)"
    r"|pembunuhan\s+karakter|bunuh\s+diri\s+politik|bunuh\s+diri\s+kelas"
    r"|tabrakan\s+(?:jadwal|kepentingan|aturan|regulasi|kewenangan|program)"
    r"|ledakan\s+(?:penduduk|jumlah|kasus|harga|pengunjung|penumpang|informasi|populasi|peminat)"
    r"|harga(?:\s+\w+)?\s+meledak|(?:sampai|hingga|sejak|dari\s+dulu\s+sampai)\s+sekarang"
    r"|(?:penduduk|populasi|harga|tawa|tawanya|emosi|emosinya|penjualan|jumlah)\s+meledak"
    r"|terbakar\s+(?:amarah|emosi|cemburu|semangat|matahari|sinar\s+matahari|kalori|lemak)"
    r"|(?:kalori|lemak)\s+(?:yang\s+)?terbakar"
    r"|(?:semangat\s+)?berapi\s*-?\s*api|kembang\s+api|api\s+unggun|api\s+abadi|api\s+olimpiade"
    r"|(?:menang|kemenangan)\s+(?:telak\s+)?longsor|longsor\s+suara"
    r"|tsunami\s+(?:informasi|data|pengangguran|phk|kasus|pesanan|politik)"
    r"|gempa\s+politik|gempa\s+(?:di\s+)?bursa"
    r"|badai\s+(?:phk|krisis|pasti\s+berlalu|masalah|kritik|pandemi|inflasi)"
    r"|bencana\s+(?:demografi|politik|ekonomi)|bonus\s+demografi"
    r"|matahari\s+tenggelam|tenggelam\s+dalam|tenggelam\s+oleh"
    r"|hanyut\s+dalam|hanyut\s+oleh\s+suasana"
    r"|(?:sikap|berpikir|pemikiran|daya|masa|titik|nalar|kritis)\s+kritis"
    r"|kondisi\s+keuangan\s+kritis|lahan\s+kritis|kritis\s+terhadap"
    r"|pencurian\s+(?:data|ide|start|umur)|perampokan\s+uang\s+rakyat"
    r"|(?:penyakit\s+)?jantung\s+kota|serangan\s+(?:fajar|balik|siber|hama)"
    r"|keracunan\s+(?:sinetron|gadget|game|media\s+sosial)"
    r")\b"
)

# Triggers per kind: what must appear for the text to count as that emergency.
_TRIGGERS: dict[str, str] = {
    "kebakaran": (
        r"kebakaran|terbakar|dilalap\s+(?:api|si\s+jago\s+merah)|si\s+jago\s+merah"
        r"|kobaran\s+api|api\s+(?:besar|membesar|berkobar|menyala|menjalar|merembet)"
        r"|ada\s+api|asap\s+(?:tebal|hitam|mengepul)|ledakan|meledak|kebocoran\s+gas"
        r"|gas\s+bocor|bau\s+gas|karhutla|korsleting|korslet|hangus"
    ),
    "banjir": (
        r"banjir|kebanjiran|tanggul(?:\s+\w+){0,2}\s+(?:jebol|bobol|ambrol)|air(?:\s+\w+){0,2}\s+(?:meluap"
        r"|naik|masuk\s+rumah|setinggi)|sepinggang|sedada|seleher|selutut|terendam|meluap"
        r"|banjir\s+bandang|rob\s+(?:masuk|naik)"
    ),
    "kecelakaan": (
        r"kecelakaan|tabrakan|bertabrakan|ditabrak|tertabrak|menabrak|terlindas|terguling"
        r"|terbalik|terjatuh|jatuh\s+dari|jatuh\s+ke\s+(?:sungai|jurang|sumur|laut|got|selokan|parit)"
        r"|masuk\s+(?:selokan|got|sungai|jurang|parit|sumur)|tidak\s+bergerak|tenggelam|hanyut|terseret\s+arus|tersengat\s+listrik"
        r"|kesetrum|tersetrum|tertimpa|terjepit|terperosok|masuk\s+jurang|kabel\s+listrik\s+putus"
        r"|tiang\s+listrik\s+roboh|kabel\s+(?:listrik\s+)?menjuntai"
    ),
    "kejahatan": (
        r"perampokan|dirampok|merampok|rampok|begal|dibegal|pembegalan|penjambretan|dijambret"
        r"|jambret|penusukan|ditusuk|menusuk|pembunuhan|dibunuh|membunuh|penganiayaan|dianiaya"
        r"|dipukuli|memukuli|pengeroyokan|dikeroyok|tawuran|pemerkosaan|diperkosa|pelecehan"
        r"|dilecehkan|berkelahi|perkelahian|(?:bawa|pakai|membawa)\s+pisau|ditikam|menikam"
        r"|penculikan|diculik|menculik|kdrt|kekerasan\s+dalam\s+rumah\s+tangga"
        r"|senjata\s+tajam|sajam|celurit|clurit|golok|ditodong|menodong|penodongan|penembakan"
        r"|ditembak|tembakan|ancaman\s+bom|\bbom\b|ada\s+maling|maling\s+masuk|dibobol"
        r"|sedang\s+dibobol|penyanderaan|disandera|mengamuk|ngamuk|dikejar\s+orang"
    ),
    "medis": (
        r"pingsan|tidak\s+sadarkan\s+diri|tak\s+sadarkan\s+diri|tidak\s+sadar|sesak\s+na[fp]as"
        r"|susah\s+bernapas|sulit\s+bernapas|tidak\s+bernapas|henti\s+(?:napas|jantung)|kejang"
        r"|serangan\s+jantung|(?:terkena|kena|serangan)\s+stroke|pendarahan|perdarahan"
        r"|berlumuran\s+darah|banyak\s+darah|darah\s+terus\s+keluar|luka\s+(?:parah|berat)"
        r"|mau\s+melahirkan|akan\s+melahirkan|pecah\s+ketuban|ketuban\s+pecah|overdosis"
        r"|keracunan|kritis|sekarat|gantung\s+diri|bunuh\s+diri|digigit\s+(?:ular|anjing)"
        r"|patah\s+tulang|muntah\s+darah|demam\s+tinggi\s+kejang|tersedak|butuh\s+dokter"
    ),
    "bencana": (
        r"gempa|tanah\s+longsor|longsor|tsunami|puting\s+beliung|angin\s+ribut|badai"
        r"|angin\s+kencang|pohon(?:\s+\w+){0,2}\s+(?:tumbang|roboh)|gunung\s+meletus|erupsi"
        r"|awan\s+panas|lahar|rumah\s+roboh|runtuh|ambruk"
        r"|jembatan(?:\s+\w+)?\s+(?:putus|ambruk|roboh)|tertimbun|bencana"
    ),
}
# Order decides the kind when several match: the hazard first, then what it did to people
# ("banjir ... motor hanyut" is a flood; "tertabrak ... tolong ambulans" an accident).
KINDS: tuple[str, ...] = ("kebakaran", "banjir", "bencana", "kejahatan", "kecelakaan", "medis")
# A call for a service names the kind by the service asked for.
_CALLS = re.compile(
    r"\b(?:kirim|panggil|panggilkan|butuh|perlu|tolong|minta|datangkan)\s+(?:(?:mobil|tim)\s+)?"
    r"(ambulans|pemadam(?:\s+kebakaran)?|polisi)\b"
)
_CALL_KINDS = {"ambulans": "medis", "pemadam": "kebakaran", "polisi": "kejahatan"}
_TRIGGER_PATTERNS = {kind: re.compile(r"\b(?:" + _TRIGGERS[kind] + r")\b") for kind in KINDS}

# Talk about policy, prevention, statistics, insurance or the past.
_CONTEXT = re.compile(
    r"\b(?:pencegahan|mencegah|antisipasi|mengantisipasi|mitigasi|sosialisasi|pelatihan|simulasi"
    r"|penyuluhan|edukasi|statistik|angka|tingkat|persentase|rata\s*-?\s*rata|anggaran|program"
    r"|rencana|perencanaan|renstra|renja|rpjmd|kebijakan|regulasi|perda|peraturan|rawan|risiko"
    r"|potensi|kajian|evaluasi|tahun\s+lalu|bulan\s+lalu|tahun\s+\d{4}|dulu|pernah|sering"
    r"|setiap\s+(?:tahun|hujan|musim)|langganan|usulan|mengusulkan|usul|diskusi|seminar|webinar"
    r"|lomba|film|novel|berita|sejarah|peringatan\s+hari|asuransi|posko|klaim|santunan|data|jumlah|laporan"
    r"\s+tahunan|triwulan|semester|rekap|rekapitulasi|diunggah|bekas\s+(?:kebakaran|banjir|longsor|gempa)|pembangunan|membangun"
    r"|dibangun|pompa|ditambah|menambah|penambahan|gaji|honor|menurun|meningkat|penurunan|peningkatan|hari\s+ini\s+adalah|tips|cara"
    r"|pelajaran|materi|sekolah\s+mengadakan|apel\s+siaga|latihan|uji\s+coba|hoaks|hoax"
    r"|normalisasi|drainase|gorong\s*-?\s*gorong|bantuan\s+(?:untuk\s+)?korban|pascabencana"
    r"|pasca\s+bencana|rehabilitasi|relokasi|ganti\s+rugi|pembangunan\s+kembali|posko\s+ditutup"
    r"|diperbaiki|perbaikan|dibenahi|mohon\s+ditindaklanjuti"
    r"|sidang|vonis|divonis|terdakwa|pengadilan|jaksa|dakwaan|izin|perizinan|vaksinasi|imunisasi"
    r"|jadwal|pendaftaran|iuran|bpjs|tagihan|tarif|stok|obat\s+kosong|antrean|antrian)\b"
)

# It is over: whatever follows is a complaint about the aftermath, however urgent its tone.
_OVER = re.compile(
    r"\b(?:sudah|telah)\s+(?:padam|dipadamkan|surut|ditangani|ditutup|selesai)"
    r"|\bpelaku\s+(?:sudah|telah)\s+ditangkap\b"
)

# Signs that it is happening now and people need help.
_URGENT = re.compile(
    r"\b(?:tolong|toloong|help|sos|sekarang(?!\s+sudah)|panik|saat\s+ini|sedang|lagi\s+(?:terjadi|ada)|barusan"
    r"|baru\s+saja|terjebak|terjepit|tertimbun|terkurung|tidak\s+sadarkan\s+diri|pingsan"
    r"|korban\s+(?:jiwa|luka|terjebak|tertimbun|meninggal)|ada\s+korban|butuh\s+ambulans"
    r"|kirim\s+(?:ambulans|pemadam|polisi|bantuan|tim)|minta\s+bantuan|mohon\s+bantuan\s+segera"
    r"|darurat|cepat|segera\s+(?:datang|kirim|tolong|bantu)|masih\s+(?:berkobar|menyala|naik"
    r"|terjadi|berlangsung)|makin\s+(?:tinggi|besar|membesar)|semakin\s+(?:tinggi|besar)"
    r"|mengungsi|meninggal|tewas)\b"
)


def _prepare(text: str) -> str:
    words = _WORD.findall(text.lower())
    return " ".join(_SHORT_FORMS.get(w, w) for w in words)


def emergency_detect(text: str) -> EmergencyResult:
    """Tell whether ``text`` reports an emergency now, of which kind, and the words that said so."""
    prepared = _FIGURES.sub(" ", _prepare(text))
    matched: list[str] = []
    kind = ""
    for candidate in KINDS:
        found = [m.group(0) for m in _TRIGGER_PATTERNS[candidate].finditer(prepared)]
        if found and not kind:
            kind = candidate
        matched.extend(found)
    call = _CALLS.search(prepared)
    if call:
        matched.append(call.group(0))
        kind = kind or _CALL_KINDS[call.group(1).split()[0]]
    if not kind:
        return EmergencyResult(is_emergency=False)
    if _OVER.search(prepared) or (_CONTEXT.search(prepared) and not _URGENT.search(prepared)):
        return EmergencyResult(is_emergency=False)
    return EmergencyResult(is_emergency=True, kind=kind, matched=matched)
