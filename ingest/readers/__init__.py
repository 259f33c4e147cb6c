"""One reader per format, each returning the same ``ReadDocument`` of blocks.

``ingest.sources.sniff_format`` chooses the reader by content; ``ingest.extract.read_bytes``
calls it.  Modules: ``containers`` (zip/OLE2 safety), ``text``, ``html`` and ``positioned``
(web pages), ``workbook`` (.xls/.xlsx), ``word`` (.docx) and ``doc`` (.doc via LibreOffice).
PDFs keep their reader in ``ingest.pdf``.
"""
