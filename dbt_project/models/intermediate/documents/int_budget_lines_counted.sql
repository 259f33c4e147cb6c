-- depends_on: {{ ref('int_documents_ranked') }}
-- The budget-table lines of the primary documents (the ones whose figures are counted), with
-- the body, scope and year they belong to.  Incremental, keyed by document.
with documents as (
    {{ documents_to_compute() }}
),

budget_lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where doc_id in (select documents.doc_id from documents)
),

final as (
    select
        budget_lines.*,
        documents.body_id,
        documents.body_scope_id,
        documents.scope,
        documents.division_code,
        documents.county_code,
        documents.fiscal_year,
        documents.feeds_comparisons,
        documents.document_state
    from budget_lines
    inner join documents
        on budget_lines.doc_id = documents.doc_id
)

select * from final
