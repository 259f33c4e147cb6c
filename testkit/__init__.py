"""What the tests and the benchmarks share, and the product never imports.

``layoutgen`` writes budget disclosures of unseen counties from known facts in every layout
family and format; ``formatgen`` writes workbooks, Word files, web pages and hostile
containers; ``pdfgen`` draws PDFs (the generator's tables, the bad PDFs) and holds the
reference documents rendered as PDF; ``golden`` compares a built warehouse with hand-read
figures.  ``tests/`` and ``bench/`` both import from here; neither imports the other.
"""
