-- What a 部门决算 says in words of a measure's execution: the rate it computed (完成年初预算的
-- 98.20%) and the reason it gives (决算数小于预算数的主要原因：…), per body × scope × year ×
-- measure, from the primary documents.  The first statement of each wins (one per measure).
with documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
    where fact_kind in ('execution_rate', 'execution_reason')
),

statements as (
    select
        documents.body_scope_id,
        facts.fact_year as fiscal_year,
        facts.fact_key || '_yuan' as measure,
        facts.fact_kind,
        facts.amount_source,
        facts.label,
        facts.doc_id,
        facts.page,
        facts.line,
        facts.sentence
    from facts
    inner join documents
        on facts.doc_id = documents.doc_id
),

final as (
    select
        body_scope_id || '-' || fiscal_year || '-' || measure as execution_statement_id,
        body_scope_id,
        fiscal_year,
        measure,
        cast(
            arg_min(amount_source, line) filter (where fact_kind = 'execution_rate')
            as decimal(9, 2)
        ) as stated_rate_percent,
        arg_min(label, line) filter (where fact_kind = 'execution_reason') as stated_reason,
        min(doc_id) as doc_id,
        min(page) as page,
        arg_min(sentence, line) as sentence
    from statements
    group by body_scope_id, fiscal_year, measure
)

select * from final
