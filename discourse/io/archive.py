"""Reproducible zip files: fixed entry dates and attributes, fixed Office document dates.

The ``.xlsx`` and ``.qdpx`` files discourse writes are zip archives. A zip records the time
each entry was written, and an Office document records in ``docProps/core.xml`` when it was
created and modified (openpyxl stamps ``dcterms:modified`` with the current time on every
save). Both are fixed here, so the same tables always give the same bytes.

Examples
--------
>>> from discourse.io.archive import deterministic_zip
>>> deterministic_zip([("a.txt", b"x")]) == deterministic_zip([("a.txt", b"x")])
True
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from lxml import etree

__all__ = ["FIXED_ZIP_DATE", "FIXED_DOCUMENT_TIME", "deterministic_zip", "fix_core_xml"]

#: The date of every zip entry written by :func:`deterministic_zip`.
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: The created / modified time written into an Office document's ``docProps/core.xml``.
FIXED_DOCUMENT_TIME = "2000-01-01T00:00:00Z"

_DCTERMS = "http://purl.org/dc/terms/"


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """Zip ``(name, bytes)`` entries with fixed dates and attributes (byte-identical reruns).

    Parameters
    ----------
    entries
        The entries, in the order they are written.

    Returns
    -------
    bytes
        The zip file.

    Examples
    --------
    >>> import io, zipfile
    >>> data = deterministic_zip([("a.txt", b"x")])
    >>> zipfile.ZipFile(io.BytesIO(data)).infolist()[0].date_time
    (1980, 1, 1, 0, 0, 0)
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def fix_core_xml(data: bytes) -> bytes:
    """Set the created and modified dates of an Office ``docProps/core.xml`` to a constant.

    Parameters
    ----------
    data
        The bytes of ``docProps/core.xml``.

    Returns
    -------
    bytes
        The same XML with every ``dcterms:created`` and ``dcterms:modified`` set to
        :data:`FIXED_DOCUMENT_TIME`.

    Examples
    --------
    >>> xml = (b'<cp:coreProperties xmlns:cp="urn:cp" xmlns:dcterms="http://purl.org/dc/terms/">'
    ...        b'<dcterms:modified>2031-05-06T07:08:09Z</dcterms:modified></cp:coreProperties>')
    >>> b"2000-01-01T00:00:00Z" in fix_core_xml(xml)
    True
    """
    root = etree.fromstring(data)
    for tag in ("created", "modified"):
        for el in root.iter(f"{{{_DCTERMS}}}{tag}"):
            el.text = FIXED_DOCUMENT_TIME
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
