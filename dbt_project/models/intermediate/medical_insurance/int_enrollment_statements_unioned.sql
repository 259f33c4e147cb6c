-- Head counts stated anywhere in a primary document, with the year written next to them, the
-- scheme (城乡居民 resident / 职工 employee) and the kind (参保/征缴/受益/预计).
with facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
    where fact_key = 'enrollment'
        and fact_kind = 'level'
),

documents as (
    -- every document of the body-year (one statement said in two copies is one figure)
    select * from {{ ref('int_documents_ranked') }}
),

final as (
    select
        facts.fact_id,
        documents.body_scope_id,
        facts.fact_year as fiscal_year,
        facts.scheme,
        facts.enrollment_kind,
        facts.value as persons,
        facts.amount_text || facts.unit as printed_as,
        facts.year_basis,
        facts.year_basis_rank,
        facts.source_kind,
        case facts.source_kind when 'narrative' then 1 when 'indicator' then 2 else 3 end
            as source_order,
        facts.doc_id,
        facts.project_id,
        facts.page,
        facts.line,
        facts.sentence
    from facts
    inner join documents
        on facts.doc_id = documents.doc_id
)

select * from final
