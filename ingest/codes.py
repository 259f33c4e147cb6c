"""The stable codes the ingest writes: why an input was refused, what went wrong in a cell.

They are data other people filter on (``rejected.reason``, ``parse_issues.code``), so they
live here once, as enums; the dbt models test them with ``accepted_values`` lists that
``tests/test_codes.py`` checks against these enums.
"""

from __future__ import annotations

from enum import StrEnum


class RejectionReason(StrEnum):
    """Why a whole input could not be read (a ``rejected`` row); the detail says what to do."""

    EMPTY = "empty"
    BINARY = "binary"
    BAD_ENCODING = "bad_encoding"
    UNKNOWN_ENCODING = "unknown_encoding"
    NOT_CHINESE_TEXT = "not_chinese_text"
    ENCRYPTED = "encrypted"
    DAMAGED = "damaged"
    NO_TEXT_LAYER = "no_text_layer"
    NOT_A_BUDGET = "not_a_budget"
    FINAL_ACCOUNTS = "final_accounts"
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_SLOW = "too_slow"
    NO_BODY = "no_body"
    NO_DIVISION = "no_division"
    DIVISION_AMBIGUOUS = "division_ambiguous"
    DIVISION_CONFLICT = "division_conflict"
    CENTRAL_GOVERNMENT = "central_government"
    NO_YEAR = "no_year"
    YEAR_AMBIGUOUS = "year_ambiguous"
    MANIFEST_INVALID = "manifest_invalid"
    PARSER_ERROR = "parser_error"
    # formats (ingest/readers): the detail says how to make the file readable
    UNSUPPORTED_FORMAT = "unsupported_format"  # RTF, images, ODF, archives, .mht, ...
    NEEDS_CONVERSION = "needs_conversion"  # a Word 97 .doc and no LibreOffice installed
    CONVERSION_FAILED = "conversion_failed"  # LibreOffice could not convert the .doc
    UNSAFE_XML = "unsafe_xml"  # an Office part declares a DTD (external entities, bombs)
    # entries of the sources folder that are not read at all
    OUTSIDE_SOURCES = "outside_sources"  # a symbolic link to a file outside the folder
    LINK_LOOP = "link_loop"  # a symbolic link that leads back to itself
    BROKEN_LINK = "broken_link"  # a symbolic link to nothing
    NOT_A_FILE = "not_a_file"  # a pipe, socket or device


class IssueCode(StrEnum):
    """A cell, row, table or sentence the parsers could not place with certainty."""

    UNIT_MISSING = "unit_missing"
    UNIT_ASSUMED = "unit_assumed"
    HEADER_UNRECOGNISED = "header_unrecognised"
    SUBJECT_CODE_INVALID = "subject_code_invalid"
    COLUMNS_AMBIGUOUS = "columns_ambiguous"
    COLUMNS_NOT_ADDING_UP = "columns_not_adding_up"
    LOOSE_COLUMN_REATTACHED = "loose_column_reattached"
    TABLE_NOT_READ = "table_not_read"
    UNIT_BUDGET_UNREAD = "unit_budget_unread"
    PROJECT_AMOUNT_AMBIGUOUS = "project_amount_ambiguous"
    INDICATOR_VALUE_UNSEPARATED = "indicator_value_unseparated"
    INDICATOR_VALUES_MISSING = "indicator_values_missing"
    PAGE_NOT_PARSED = "page_not_parsed"  # a page's tables failed to parse; its text stands in
    PAGE_WITHOUT_TEXT = "page_without_text"  # an image page inside a text PDF: not read
    TABLE_NOT_PARSED = "table_not_parsed"  # reading one table failed; the rest still lands
    COLUMN_UNRECOGNISED = "column_unrecognised"  # a ruled column no known header names
    ROW_NOT_ALIGNED = "row_not_aligned"  # a row whose cells do not line up with the columns
    # no unit stated for a table, its part or the document, and its arithmetic does not
    # decide between 元 and 万元: its amounts are not landed (recognise/units.py)
    UNIT_UNKNOWN = "unit_unknown"
    UNIT_FROM_ARITHMETIC = "unit_from_arithmetic"  # info: the document's own sums decided it
    # a figure read by OCR from a scanned page whose characters are uncertain, or whose table's
    # sums do not balance: not landed (the message gives the page and the cell's box)
    OCR_UNCERTAIN = "ocr_uncertain"
    # an item of a 决算's 说明 named by its function subject's words (…（类）…（款）…（项）) whose
    # words name no row, or several, of the document's function-classified tables: its
    # figures are not landed (narrative/execution.py)
    SUBJECT_NAME_UNRESOLVED = "subject_name_unresolved"
