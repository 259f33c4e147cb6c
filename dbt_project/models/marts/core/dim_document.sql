-- Every ingested document: where it came from, how it was read, who published it (division,
-- body, scope) and for which year, and whether its figures are the ones counted.
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
        documents.division_code,
        documents.division_name,
        documents.division_level,
        documents.division_key,
        documents.county_code,
        documents.body_id,
        documents.body_name,
        documents.body_kind,
        documents.scope,
        documents.body_scope_id,
        documents.fiscal_year,
        documents.identity_source,
        documents.money_unit,
        documents.title,
        documents.division_evidence,
        documents.body_evidence,
        documents.scope_evidence,
        documents.year_evidence,
        documents.n_figures,
        documents.n_issues,
        coalesce(issues.n_warnings, 0) as n_warnings,
        documents.is_primary,
        documents.feeds_comparisons,
        case when not documents.is_primary then documents.primary_doc_id end as superseded_by,
        documents.selection_reason,
        documents.parser_version,
        documents.ingested_at,
        documents.document_kind,
        documents.kind_evidence
    from documents
    left join issues
        on documents.doc_id = issues.doc_id
)

select * from final
