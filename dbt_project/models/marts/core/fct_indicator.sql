-- depends_on: {{ ref('int_documents_ranked') }}
-- Performance indicators (绩效指标) of the primary documents.  is_quantitative: the value
-- has a number ("≥84.4万人", "100%"); vague values ("明显提高", "持续稳定") do not.
-- Incremental, keyed by document (macros/incremental_documents.sql).
with documents as (
    {{ documents_to_compute() }}
),

indicators as (
    select * from {{ ref('stg_raw__indicators') }}
    where doc_id in (select documents.doc_id from documents)
),

projects as (
    select * from {{ ref('int_projects_categorised') }}
    where is_primary
),

final as (
    select
        indicators.indicator_id,
        indicators.project_id,
        indicators.doc_id,
        projects.body_id,
        projects.body_scope_id,
        projects.division_code,
        projects.county_code,
        projects.fiscal_year,
        indicators.scope,
        indicators.project_code,
        indicators.indicator_seq,
        indicators.level1,
        indicators.level2,
        indicators.level3,
        indicators.description,
        indicators.value_text,
        indicators.operator,
        indicators.value,
        indicators.unit,
        indicators.is_quantitative,
        indicators.value_text is null as is_missing_value,
        indicators.basis,
        indicators.page,
        indicators.line,
        indicators.snippet,
        documents.document_state
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id
    inner join documents
        on indicators.doc_id = documents.doc_id
)

select * from final
