"""Streaming CSV and XLSX writers: bytes go out as rows come in, in constant memory.

Wagtail's spreadsheet export builds the whole XLSX workbook in memory before the first byte,
and openpyxl's write-only mode or XlsxWriter's ``constant_memory`` still write to a file that
is only complete (and sendable) at the end. An XLSX file is a ZIP archive of XML parts, and
Python's ``zipfile`` can write one to an unseekable stream, so the worksheet is written here as
inline-string cells straight into the archive, and whatever the compressor has produced is
handed to the response after every few rows.

Every text cell is made safe for spreadsheets as OWASP recommends ("CSV injection"): a value
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'``,
so ``=HYPERLINK(…)`` typed into a form is shown as text, never run as a formula.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"
FLUSH_EVERY_ROWS = 200

Cell = str | int | float | None


def spreadsheet_safe(value: Cell) -> Cell:
    """Text that a spreadsheet would read as a formula gets a leading ``'``; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` returns what it was given (for ``csv.writer``)."""

    def write(self, value: str) -> str:
        return value


def stream_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so Excel on Windows reads Persian correctly."""
    writer = csv.writer(_Echo())
    yield (CSV_BOM + writer.writerow([spreadsheet_safe(h) for h in header])).encode()
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row]))
        if len(batch) >= FLUSH_EVERY_ROWS:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


class _Sink(io.RawIOBase):
    """An unseekable byte sink that is emptied as the response is written."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _workbook(sheet_name: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet_name[:31])}" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(reference: str, value: Cell, style: str = "") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float):
        return f'<c r="{reference}"{style}><v>{value}</v></c>'
    text = escape(_XML_ILLEGAL.sub("", str(spreadsheet_safe(value))))
    return (
        f'<c r="{reference}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    )


def _row(number: int, letters: Sequence[str], values: Sequence[Cell], style: str = "") -> str:
    cells = "".join(
        _cell(f"{letter}{number}", value, style)
        for letter, value in zip(letters, values, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


def stream_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    sheet_name: str = "Sheet1",
    right_to_left: bool = False,
) -> Iterator[bytes]:
    """A one-sheet workbook: bold header row, text as inline strings, numbers as numbers."""
    sink = _Sink()
    letters = [_column_letters(i) for i in range(len(header))]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(sheet_name))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            view = ' rightToLeft="1"' if right_to_left else ""
            part.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    f'main"><sheetViews><sheetView workbookViewId="0"{view}/></sheetViews>'
                    "<sheetData>" + _row(1, letters, list(header), ' s="1"')
                ).encode()
            )
            yield sink.take()
            batch: list[str] = []
            for number, values in enumerate(rows, start=2):
                batch.append(_row(number, letters, values))
                if len(batch) >= FLUSH_EVERY_ROWS:
                    part.write("".join(batch).encode())
                    batch = []
                    chunk = sink.take()
                    if chunk:
                        yield chunk
            part.write(("".join(batch) + "</sheetData></worksheet>").encode())
    yield sink.take()
