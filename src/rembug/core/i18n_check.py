"""Check the translation catalogues: ``python -m rembug.core.i18n_check [LOCALE_DIR]``.

Fails (exit 1) when a ``.po`` file under the locale folder has an untranslated or fuzzy entry, or
when its compiled ``.mo`` is missing or says something else than the ``.po`` (someone edited the
``.po`` and forgot ``scripts/messages``). Needs no gettext tools: the ``.po`` is read by the small
parser below and the ``.mo`` by Python's own :class:`gettext.GNUTranslations`.
"""

from __future__ import annotations

import gettext
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}

PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifr%])")

# GNUTranslations keys: "msgid", "context\x04msgid", or (msgid, plural index) for plural entries.
CatalogKey = str | tuple[str, int]


class PoSyntaxError(ValueError):
    pass


@dataclass
class PoEntry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        return f"line {self.line}: {text!r}"

    def placeholder_problem(self) -> str | None:
        """For python-format entries: the translation must use the same named placeholders."""
        if "python-format" not in self.flags or not self.is_translated:
            return None
        wanted = _placeholders(self.msgid) | _placeholders(self.msgid_plural or "")
        for text in self.msgstr.values():
            found = _placeholders(text)
            if found != wanted:
                return f"placeholders {sorted(found)} instead of {sorted(wanted)} in {self.label}"
        return None

    def catalog_items(self) -> Iterator[tuple[CatalogKey, str]]:
        msgid = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        if self.msgid_plural is None:
            yield msgid, self.msgstr.get(0, "")
        else:
            for index, text in sorted(self.msgstr.items()):
                yield (msgid, index), text


def _placeholders(text: str) -> set[str]:
    return {name or kind for name, kind in PLACEHOLDER.findall(text) if kind != "%"}


def _unquote(text: str, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise PoSyntaxError(f"line {line}: expected a quoted string, got {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in ESCAPES:
                raise PoSyntaxError(f"line {line}: unknown escape in {text!r}")
            out.append(ESCAPES[body[i + 1]])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def po_parse(text: str) -> list[PoEntry]:
    """The live entries of a ``.po`` file (obsolete ``#~`` entries are left out)."""
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    target: tuple[str, int] | None = None  # which field a continuation line extends
    pending_flags: set[str] = set()

    def start(line: int) -> PoEntry:
        nonlocal current, pending_flags
        if current is not None:
            entries.append(current)
        current = PoEntry(line=line, flags=pending_flags)
        pending_flags = set()
        return current

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#,")):
            continue  # blank, comments, references, obsolete (#~) and previous (#|) lines
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is None or target is None:
                raise PoSyntaxError(f"line {number}: a string continues nothing")
            value = _unquote(line, number)
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
        elif keyword == "msgctxt":
            entry = start(number)
            entry.msgctxt, target = _unquote(rest, number), ("msgctxt", 0)
        elif keyword == "msgid":
            # A msgid opens a new entry unless it follows that entry's msgctxt.
            entry = current if current is not None and target == ("msgctxt", 0) else start(number)
            entry.msgid, target = _unquote(rest, number), ("msgid", 0)
        elif keyword == "msgid_plural":
            if current is None:
                raise PoSyntaxError(f"line {number}: msgid_plural without msgid")
            current.msgid_plural, target = _unquote(rest, number), ("msgid_plural", 0)
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            if current is None:
                raise PoSyntaxError(f"line {number}: msgstr without msgid")
            index = 0 if keyword == "msgstr" else int(keyword[7:-1])
            current.msgstr[index], target = _unquote(rest, number), ("msgstr", index)
        else:
            raise PoSyntaxError(f"line {number}: cannot read {line!r}")
    if current is not None:
        entries.append(current)
    return entries


def _mo_catalog(path: Path) -> dict[CatalogKey, str]:
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    catalog: dict[CatalogKey, str] = dict(translations._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)  # the header
    return catalog


def check_po(po_path: Path) -> list[str]:
    """Every problem of one catalogue, as readable sentences; empty when it is fine."""
    try:
        entries = po_parse(po_path.read_text(encoding="utf-8"))
    except (PoSyntaxError, UnicodeDecodeError) as error:
        return [f"{po_path}: cannot be read: {error}"]
    problems = [f"{po_path}: fuzzy {e.label}" for e in entries if "fuzzy" in e.flags]
    problems += [
        f"{po_path}: untranslated {e.label}"
        for e in entries
        if not e.is_header and not e.is_translated
    ]
    problems += [f"{po_path}: {p}" for e in entries if (p := e.placeholder_problem())]
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [*problems, f"{mo_path}: missing; run scripts/messages"]
    expected: dict[CatalogKey, str] = {
        key: text
        for entry in entries
        if not entry.is_header and entry.is_translated and "fuzzy" not in entry.flags
        for key, text in entry.catalog_items()
    }
    try:
        compiled = _mo_catalog(mo_path)
    except (OSError, UnicodeDecodeError) as error:
        return [*problems, f"{mo_path}: cannot be read: {error}"]
    if compiled != expected:
        differing = sorted(
            str(key)
            for key in expected.keys() | compiled.keys()
            if expected.get(key) != compiled.get(key)
        )
        shown = ", ".join(repr(k[:50]) for k in differing[:5])
        problems.append(
            f"{mo_path}: does not match its .po ({len(differing)} messages differ, e.g. {shown}); "
            "run scripts/messages"
        )
    return problems


def check_locale(locale_dir: Path) -> list[str]:
    po_files = sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
    if not po_files:
        return [f"{locale_dir}: no .po files found"]
    return [problem for po_path in po_files for problem in check_po(po_path)]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    locale_dir = Path(args[0]) if args else LOCALE_DIR
    problems = check_locale(locale_dir)
    if problems:
        print("Translations are not complete:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Translations complete: {locale_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
