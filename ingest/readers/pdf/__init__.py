"""PDF in, the same blocks as a text document out: table rows with their cells, prose lines.

pypdfium2 opens the file and reads every page's text layer quickly (a few ms a page); it
also counts each page's vector paths, which is how a ruled table shows itself.  Only pages
that draw paths go through pdfplumber's table finder (tens of ms a page); the others are
prose and keep pdfium's text.  See ``settings.PdfSettings`` for every tolerance.
"""

from ingest.readers.pdf.reader import read_pdf

__all__ = ["read_pdf"]
