"""What the tests and the benchmarks share, and the product never imports.

``layoutgen`` writes budget disclosures of unseen counties from known facts in every layout
family and format; ``formatgen`` writes workbooks, Word files, web pages and hostile
containers; ``pdfgen`` draws PDFs (the generator's tables, the bad PDFs) and holds the
reference documents rendered as PDF; ``golden`` is the one comparer of the figures a document
is known to state (generated facts, the reference corpus's golden file, hand-read real
documents) with what a warehouse or an extraction gives.  ``tests/`` and ``bench/`` both import
from here; neither imports the other.
"""
