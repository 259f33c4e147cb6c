"""The application: ingest a folder, build the warehouse with dbt, export, refresh on a schedule.

``ingest`` reads documents into raw Parquet; this package runs it over folders (in parallel,
incrementally, within limits), runs ``dbt build`` aside and swaps the result in, exports the
marts, and serves the CLI.  It ships the dbt project and the research queries as package
data, so an installed wheel works from any folder.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
