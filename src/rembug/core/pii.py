"""Personal identifiers in what residents write, found and masked before anything is public.

Residents paste their NIK, their KK number, a WhatsApp number, an e-mail address or a bank account
into a report ("mohon dibantu, NIK saya 3204…"); LAPOR!'s own exports still publish them. The stored
text stays as written (the coordinator and the agency need it); public pages, open data and the
API show :func:`pii_mask` of it. The rules are deliberately plain regular expressions checked by a
labelled set (``core/data/pii_cases.tsv``, ``bench/pii_masking.py``), so that they can be mirrored
in the form preview (``static/rembug/js/pii-preview.js``).

Ordinary numbers stay: years, Rupiah amounts (``Rp 1.250.000.000``), RT/RW, house numbers, dates,
postal codes and report numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _


class PiiKind(StrEnum):
    ID_NUMBER = "id_number"  # NIK, KK (and 16-digit card numbers, written the same way)
    PHONE = "phone"
    EMAIL = "email"
    BANK_ACCOUNT = "bank_account"


@dataclass(frozen=True)
class PiiSpan:
    kind: PiiKind
    start: int
    end: int


# Digits may be grouped by one space, dot or dash; letters may touch them ("NIK3204…").
_SEP = r"[ .\-]?"
# NIK and KK numbers begin with a province code (11–94), card numbers with 3–6: never with 0.
_ID_NUMBER = re.compile(rf"(?<!\d)[1-9](?:{_SEP}\d){{15}}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Mobile numbers: +62 / 62 / 0, then 8xx, then 7–10 more digits (10–13 digits with the 0).
_MOBILE = re.compile(r"(?<![\d+])(?:\+\s?62|62|0)[ .\-]?\(?8\d\)?(?:[ .\-]?\d){7,10}(?!\d)")
# Landlines with an area code: (0254) 123456, 021-5551234, +62 21 555 1234.
_LANDLINE = re.compile(
    r"(?<![\d+])(?<!\d[ .\-])"
    r"(?:\(0[2-79]\d{1,2}\)|0[2-79]\d{1,2}(?=[ \-])|\+\s?62[ .\-]?\(?[2-9]\d{1,2}\)?)"
    r"[ .\-]?\d{3,4}[ .\-]?\d{3,5}(?!\d)"
)
_BANKS = (
    r"bca|bri|bni|btn|bsi|bjb|bpd|mandiri|cimb(?: niaga)?|danamon|permata|panin|mega|ocbc(?: nisp)?"
    r"|maybank|muamalat|btpn|jenius|seabank|bank banten|bank jateng|bank dki|bank [a-z]+"
)
_BANK_CONTEXT = re.compile(
    rf"(?i)(?:\bno\.?\s*rek(?:ening)?\.?|\bnorek|\brek(?:ening)?\.?|\b(?:{_BANKS})\b)"
    r"(?:\s*(?:a\.?n\.?|atas nama)\s+[A-Za-z .']{2,40}?)?"
    r"[\s:#.\-]*(?:(?:no(?:mor)?|nomor)\.?\s*[:#]?\s*)?"
    r"(?P<number>\d(?:[ .\-]?\d){6,17})(?!\d)"
)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_year_list(text: str) -> bool:
    """ "2021 2022 2023 2024": sixteen digits, but years."""
    groups = re.split(r"[ .\-]", text)
    return len(groups) > 1 and all(_YEAR.fullmatch(group) for group in groups)


def _is_amount(text: str) -> bool:
    return bool(_THOUSANDS.fullmatch(text))


def pii_find(text: str) -> list[PiiSpan]:
    """The personal identifiers in ``text``, in order, not overlapping."""
    spans: list[PiiSpan] = []

    def free(start: int, end: int) -> bool:
        return all(end <= span.start or start >= span.end for span in spans)

    def add(kind: PiiKind, start: int, end: int) -> None:
        if free(start, end):
            spans.append(PiiSpan(kind, start, end))

    for match in _EMAIL.finditer(text):
        add(PiiKind.EMAIL, match.start(), match.end())
    for match in _ID_NUMBER.finditer(text):
        value = match.group()
        if not _is_year_list(value) and not _is_amount(value):
            add(PiiKind.ID_NUMBER, match.start(), match.end())
    for pattern in (_MOBILE, _LANDLINE):
        for match in pattern.finditer(text):
            if not _is_amount(match.group().lstrip("+")):
                add(PiiKind.PHONE, match.start(), match.end())
    for match in _BANK_CONTEXT.finditer(text):
        number = match.group("number")
        if not _is_amount(number) and not _is_year_list(number):
            add(PiiKind.BANK_ACCOUNT, match.start("number"), match.end("number"))
    return sorted(spans, key=lambda span: span.start)


def pii_label(kind: PiiKind) -> str:
    labels = {
        PiiKind.ID_NUMBER: _("[ID number hidden]"),
        PiiKind.PHONE: _("[phone number hidden]"),
        PiiKind.EMAIL: _("[e-mail hidden]"),
        PiiKind.BANK_ACCOUNT: _("[account number hidden]"),
    }
    return labels[kind]


def pii_mask(text: str | None) -> str:
    """``text`` with every personal identifier replaced by a label saying what was hidden."""
    if not text:
        return text or ""
    spans = pii_find(text)
    if not spans:
        return text
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(pii_label(span.kind))
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def pii_present(text: str | None) -> bool:
    return bool(text) and bool(pii_find(text or ""))
