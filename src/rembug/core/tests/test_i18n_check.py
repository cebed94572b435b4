import struct
import subprocess
import sys
from pathlib import Path

from rembug.core.i18n_check import check_locale, main, po_parse

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

"""

GOOD = (
    HEADER
    + """#, python-format
msgid "Log in"
msgstr "Masuk"

msgctxt "menu"
msgid "Home"
msgstr "Beranda"

msgid ""
"A long message that "
"goes on with a \\"quote\\"\\n"
msgstr ""
"Pesan panjang yang "
"berlanjut dengan \\"kutipan\\"\\n"

#, python-format
msgid "%(counter)s district"
msgid_plural "%(counter)s districts"
msgstr[0] "%(counter)s kecamatan"

#~ msgid "Old"
#~ msgstr ""
"""
)

GOOD_CATALOG = {
    "Log in": "Masuk",
    "menu\x04Home": "Beranda",
    'A long message that goes on with a "quote"\n': (
        'Pesan panjang yang berlanjut dengan "kutipan"\n'
    ),
    ("%(counter)s district", 0): "%(counter)s kecamatan",
}


def write_mo(path: Path, catalog: dict) -> None:
    """A GNU .mo file, written here so that the test needs no msgfmt."""
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"
    items = {"": header}
    plurals = {"%(counter)s district": "%(counter)s districts"}
    for key, text in catalog.items():
        if isinstance(key, tuple):
            items[f"{key[0]}\x00{plurals[key[0]]}"] = text
        else:
            items[key] = text
    keys = sorted(items)
    ids = [k.encode() for k in keys]
    strs = [items[k].encode() for k in keys]
    start = 7 * 4 + 16 * len(keys)
    offsets, blob = [], b""
    for data in ids + strs:
        offsets.append((len(data), start + len(blob)))
        blob += data + b"\x00"
    head = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    table = b"".join(struct.pack("ii", *pair) for pair in offsets)
    path.write_bytes(head + table + blob)


def catalogue(tmp_path: Path, po_text: str, mo: dict | None) -> Path:
    folder = tmp_path / "locale" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(po_text, encoding="utf-8")
    if mo is not None:
        write_mo(folder / "django.mo", mo)
    return tmp_path / "locale"


def test_it_parses_context_plurals_continuations_and_escapes():
    entries = po_parse(GOOD)
    assert [e.msgid for e in entries][1:] == [
        "Log in",
        "Home",
        'A long message that goes on with a "quote"\n',
        "%(counter)s district",
    ]
    assert entries[0].is_header
    assert entries[1].flags == {"python-format"}
    assert entries[2].msgctxt == "menu"
    assert entries[4].msgid_plural == "%(counter)s districts"
    assert entries[4].msgstr == {0: "%(counter)s kecamatan"}


def test_it_accepts_a_complete_catalogue(tmp_path, capsys):
    locale = catalogue(tmp_path, GOOD, GOOD_CATALOG)
    assert check_locale(locale) == []
    assert main([str(locale)]) == 0
    assert "complete" in capsys.readouterr().out


def test_it_fails_on_an_untranslated_entry(tmp_path, capsys):
    po = GOOD + '\nmsgid "Log out"\nmsgstr ""\n'
    locale = catalogue(tmp_path, po, GOOD_CATALOG)
    assert main([str(locale)]) == 1
    error = capsys.readouterr().err
    assert "untranslated" in error
    assert "'Log out'" in error


def test_it_fails_on_an_untranslated_plural_form(tmp_path):
    po = GOOD + '\nmsgid "%(n)s agency"\nmsgid_plural "%(n)s agencies"\nmsgstr[0] ""\n'
    problems = check_locale(catalogue(tmp_path, po, GOOD_CATALOG))
    assert any("untranslated" in p and "agency" in p for p in problems)


def test_it_fails_on_a_fuzzy_entry(tmp_path):
    po = GOOD + '\n#, fuzzy, python-format\nmsgid "visi"\nmsgstr "visi"\n'
    problems = check_locale(catalogue(tmp_path, po, GOOD_CATALOG))
    assert len(problems) == 1
    assert "fuzzy" in problems[0] and "'visi'" in problems[0]


def test_it_fails_on_a_translation_that_loses_a_placeholder(tmp_path):
    po = (
        GOOD
        + '\n#, python-format\nmsgid "Page %(number)s of %(total)s"\nmsgstr "Halaman %(number)s"\n'
    )
    catalog = {**GOOD_CATALOG, "Page %(number)s of %(total)s": "Halaman %(number)s"}
    problems = check_locale(catalogue(tmp_path, po, catalog))
    assert len(problems) == 1
    assert "placeholders ['number'] instead of ['number', 'total']" in problems[0]


def test_it_fails_when_the_mo_is_missing(tmp_path):
    problems = check_locale(catalogue(tmp_path, GOOD, None))
    assert len(problems) == 1
    assert "django.mo: missing" in problems[0]


def test_it_fails_when_the_mo_says_something_else(tmp_path):
    stale = {**GOOD_CATALOG, "Log in": "Login"}
    problems = check_locale(catalogue(tmp_path, GOOD, stale))
    assert len(problems) == 1
    assert "does not match" in problems[0]
    assert "Log in" in problems[0]


def test_it_fails_when_the_mo_lacks_a_new_translation(tmp_path):
    po = GOOD + '\nmsgid "Log out"\nmsgstr "Keluar"\n'
    problems = check_locale(catalogue(tmp_path, po, GOOD_CATALOG))
    assert problems and "does not match" in problems[0]


def test_it_fails_on_a_broken_po(tmp_path):
    problems = check_locale(catalogue(tmp_path, GOOD + "\nmsgid Log out\n", GOOD_CATALOG))
    assert problems and "cannot be read" in problems[0]


def test_it_fails_when_there_is_no_catalogue(tmp_path):
    assert main([str(tmp_path)]) == 1


def test_it_runs_as_a_module(tmp_path):
    locale = catalogue(tmp_path, GOOD + '\nmsgid "Log out"\nmsgstr ""\n', GOOD_CATALOG)
    result = subprocess.run(
        [sys.executable, "-m", "rembug.core.i18n_check", str(locale)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Log out" in result.stderr
