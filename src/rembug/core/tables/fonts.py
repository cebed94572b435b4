"""The fonts the PDF tables are drawn with: DejaVu Sans Condensed and its bold, shipped in
``data/fonts`` (licence beside them), read once per process with fontTools.

A :class:`Font` measures text with the font's own advance widths and encodes it as glyph ids;
:meth:`Font.embed` writes the subset of the glyphs a document used as a PDF Type 0 font (a
CIDFontType2 with Identity-H encoding, widths, and a ToUnicode map so the text can be copied
and searched).
"""

from __future__ import annotations

import zlib
from functools import cache
from io import BytesIO
from pathlib import Path

import pydyf  # type: ignore[import-untyped]
from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

FONTS = Path(__file__).resolve().parent / "data" / "fonts"
REGULAR = "DejaVuSansCondensed.ttf"
BOLD = "DejaVuSansCondensed-Bold.ttf"
_SPACE_LIKE = str.maketrans({"\t": " ", "\r": " ", "\xa0": " "})


class Font:
    """One TrueType font: widths per character (in points at size 1), glyph ids as hex."""

    def __init__(self, filename: str, pdf_name: str) -> None:
        self.path = FONTS / filename
        self.pdf_name = pdf_name
        font = TTFont(self.path, lazy=True)
        units: int = font["head"].unitsPerEm
        self.scale = 1000 / units
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        order = font.getGlyphOrder()
        ids = {name: gid for gid, name in enumerate(order)}
        self.width: dict[str, float] = {}
        self.hex: dict[str, str] = {}
        self.gid: dict[str, int] = {}
        for codepoint, glyph in cmap.items():
            char = chr(codepoint)
            self.width[char] = metrics[glyph][0] / units
            self.gid[char] = ids[glyph]
            self.hex[char] = f"{ids[glyph]:04x}"
        self.missing = "?"
        self.ascent: float = font["hhea"].ascent / units
        self.descent: float = font["hhea"].descent / units
        head = font["head"]
        self.bbox = [round(v * self.scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        os2 = font["OS/2"]
        self.cap_height = round(getattr(os2, "sCapHeight", head.yMax) * self.scale)
        self.family = font["name"].getDebugName(6) or self.path.stem
        font.close()

    def clean(self, text: str) -> str:
        """``text`` with characters the font lacks replaced (so measures and glyphs agree)."""
        text = text.translate(_SPACE_LIKE)
        if all(char in self.width for char in text):
            return text
        return "".join(char if char in self.width else self.missing for char in text)

    def measure(self, text: str, size: float) -> float:
        """The width of a cleaned ``text`` in points."""
        return sum(map(self.width.__getitem__, text)) * size

    def encode(self, text: str) -> str:
        """A cleaned ``text`` as a PDF hex string of glyph ids."""
        return "<" + "".join(map(self.hex.__getitem__, text)) + ">"

    def embed(self, document: pydyf.PDF, used: set[str]) -> pydyf.Dictionary:
        """Add the font, subset to the characters ``used``, to ``document``; returns the font
        dictionary to name in the pages' resources."""
        used = {char for char in used if char in self.gid} | {" ", self.missing}
        gids = sorted({self.gid[char] for char in used} | {0})
        font = TTFont(self.path)
        options = subset.Options()
        options.retain_gids = True  # the content streams name the original glyph ids
        options.notdef_outline = True
        options.layout_features = []
        options.name_IDs = ["*"]
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=gids)
        subsetter.subset(font)
        buffer = BytesIO()
        font.save(buffer)
        font.close()
        data = buffer.getvalue()
        font_file = pydyf.Stream(
            [zlib.compress(data)], {"Length1": len(data), "Filter": "/FlateDecode"}
        )
        document.add_object(font_file)
        base = "/" + _tag(self.pdf_name) + "+" + self.family.replace(" ", "")
        descriptor = pydyf.Dictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": base,
                "Flags": 32,
                "FontBBox": pydyf.Array(self.bbox),
                "ItalicAngle": 0,
                "Ascent": round(self.ascent * 1000),
                "Descent": round(self.descent * 1000),
                "CapHeight": self.cap_height,
                "StemV": 80,
                "FontFile2": font_file.reference,
            }
        )
        document.add_object(descriptor)
        by_gid = {self.gid[char]: char for char in sorted(used)}
        widths = pydyf.Array()
        for gid in sorted(by_gid):
            widths.extend([gid, pydyf.Array([round(self.width[by_gid[gid]] * 1000)])])
        cid_font = pydyf.Dictionary(
            {
                "Type": "/Font",
                "Subtype": "/CIDFontType2",
                "BaseFont": base,
                "CIDSystemInfo": pydyf.Dictionary(
                    {
                        "Registry": pydyf.String("Adobe"),
                        "Ordering": pydyf.String("Identity"),
                        "Supplement": 0,
                    }
                ),
                "FontDescriptor": descriptor.reference,
                "W": widths,
                "CIDToGIDMap": "/Identity",
            }
        )
        document.add_object(cid_font)
        to_unicode = pydyf.Stream([zlib.compress(_cmap(by_gid))], {"Filter": "/FlateDecode"})
        document.add_object(to_unicode)
        type0 = pydyf.Dictionary(
            {
                "Type": "/Font",
                "Subtype": "/Type0",
                "BaseFont": base,
                "Encoding": "/Identity-H",
                "DescendantFonts": pydyf.Array([cid_font.reference]),
                "ToUnicode": to_unicode.reference,
            }
        )
        document.add_object(type0)
        return type0


def _tag(name: str) -> str:
    """The six capital letters a subset font's name starts with."""
    return (name.upper() + "AAAAAA")[:6]


def _cmap(by_gid: dict[int, str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <ffff>",
        "endcodespacerange",
    ]
    pairs = sorted(by_gid.items())
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for gid, char in chunk:
            utf16 = char.encode("utf-16-be").hex()
            lines.append(f"<{gid:04x}> <{utf16}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


@cache
def regular() -> Font:
    return Font(REGULAR, "REGULR")


@cache
def bold() -> Font:
    return Font(BOLD, "BOLDFT")
