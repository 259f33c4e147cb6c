-- Every ingested document: where it came from, how it was read, which county-year it is,
-- and whether its figures are the ones counted (is_primary) or another copy's are.
with documents as (
    select * from {{ ref('int_documents_ranked') }}
),

issues as (
    select
        doc_id,
        count(*) filter (where severity = 'warning') as n_warnings
    from {{ ref('stg_raw__parse_issues') }}
    group by doc_id
),

final as (
    select
        documents.doc_id,
        documents.source_path,
        documents.source_paths,
        documents.source_format,
        documents.encoding,
        documents.layout,
        documents.pages,
        documents.lines,
        documents.byte_size,
        documents.county_code,
        documents.fiscal_year,
        documents.unit_name_raw,
        documents.money_unit,
        documents.title,
        documents.county_evidence,
        documents.year_evidence,
        documents.n_figures,
        documents.n_issues,
        coalesce(issues.n_warnings, 0) as n_warnings,
        documents.is_primary,
        case when not documents.is_primary then documents.primary_doc_id end as superseded_by,
        documents.selection_reason,
        documents.parser_version,
        documents.ingested_at
    from documents
    left join issues
        on documents.doc_id = issues.doc_id
)

select * from final
