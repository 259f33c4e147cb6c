-- Projects listed with amounts in the prose ("主要为…") adding up to more than the project
-- expenditure.
with facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
    where fact_key = 'project_listed_amount'
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

totals as (
    select * from {{ ref('int_body_year_totals_pivoted') }}
),

listed as (
    select
        documents.body_scope_id,
        facts.fact_year as fiscal_year,
        facts.doc_id,
        sum(facts.value) as listed_sum,
        string_agg(facts.label || ' ' || facts.amount_text, '、' order by facts.fact_seq) as items,
        min(facts.line) as line
    from facts
    inner join documents
        on facts.doc_id = documents.doc_id
    group by all
),

final as (
    select
        {{ inconsistency(
            'listed_projects_exceed_total', 'listed.body_scope_id', 'listed.fiscal_year',
            'listed.doc_id', "'project_expenditure_yuan'",
            "'the narrative lists projects adding up to ' || listed.listed_sum"
            ~ " || ', more than the project expenditure ' || totals.project || ': '"
            ~ " || listed.items",
            'totals.project', "'project expenditure'", 'listed.listed_sum',
            "'sum of the projects listed in the narrative'", 'listed.line', 'listed.items',
            'listed.line', 'listed.items'
        ) }}
    from listed
    inner join totals
        on listed.body_scope_id = totals.body_scope_id
        and listed.fiscal_year = totals.fiscal_year
    where listed.listed_sum > totals.project
)

select * from final
