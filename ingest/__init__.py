"""Ingest: budget disclosures (text or PDF) in, raw Parquet out.

The flow is one way: ``sources`` (bytes → decoded text or PDF pages) → ``layout`` (lines and
table rows, with provenance) → ``recognise`` and ``narrative`` (what a row or sentence means)
→ ``landing`` (16 Parquet files per raw table, bucketed by document, committed by manifest).
Nothing here converts units or fixes a document's arithmetic: that is the warehouse's job
(``dbt_project/``).
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
