"""Reports drawn from a built warehouse: the offline dashboard and the dbt docs page.

Nothing here reads documents or changes the warehouse; editing it never re-reads a document.
"""
