-- "较2020预算减少24139.62万元", "与上年相比持平": a stated change and the current figure give the
-- figure of the year compared against.  prior = current − signed change.  A change stated
-- twice in one document (two sentences) is one statement.
with facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
    where fact_kind = 'change'
),

documents as (
    -- every document of the body-year (the same change said in two copies is one statement)
    select * from {{ ref('int_documents_ranked') }}
),

current_values as (
    select * from {{ ref('int_measures_completed') }}
),

changes as (
    select
        documents.body_scope_id,
        facts.fact_year as fiscal_year,
        facts.compared_year,
        facts.fact_key || '_yuan' as measure,
        facts.direction,
        facts.value as change_yuan,
        case facts.direction
            when 'increase' then facts.value
            when 'decrease' then -facts.value
            else cast(0 as decimal(18, 2))
        end as signed_change_yuan,
        facts.doc_id,
        facts.page,
        facts.line,
        facts.fact_seq,
        facts.sentence
    from facts
    inner join documents
        on facts.doc_id = documents.doc_id
    qualify row_number() over (
            partition by
                documents.body_scope_id, facts.fact_year, facts.compared_year, facts.fact_key,
                facts.direction, facts.value
            order by
                documents.is_primary desc, facts.doc_id asc, facts.page asc nulls first,
                facts.line asc, facts.fact_seq asc
        ) = 1
),

final as (
    select
        changes.doc_id || '-' || changes.measure || '-' || changes.fiscal_year || '-'
        || changes.compared_year || '-' || changes.direction || '-' || changes.change_yuan
            as stated_change_id,
        changes.body_scope_id,
        changes.fiscal_year,
        changes.compared_year,
        changes.measure,
        changes.direction,
        changes.change_yuan,
        changes.signed_change_yuan,
        current_values.value as current_value,
        current_values.value - changes.signed_change_yuan as prior_value,
        changes.doc_id,
        changes.page,
        changes.line,
        changes.fact_seq,
        changes.sentence
    from changes
    left join current_values
        on changes.body_scope_id = current_values.body_scope_id
        and changes.fiscal_year = current_values.fiscal_year
        and changes.measure = current_values.measure
)

select * from final
