-- One county-year can be covered by several documents: the same disclosure as text and as
-- PDF, a re-published copy, a revision.  Facts come from one primary document per
-- county-year so nothing is counted twice; the others stay visible in dim_document.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

budget_lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
),

narrative_facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
),

projects as (
    select * from {{ ref('stg_raw__projects') }}
),

three_public as (
    select * from {{ ref('stg_raw__three_public') }}
),

figures as (
    select doc_id from budget_lines
    union all
    select doc_id from narrative_facts
    union all
    select doc_id from projects
    union all
    select doc_id from three_public
),

figures_per_document as (
    select
        doc_id,
        count(*) as n_figures
    from figures
    group by doc_id
),

ranked as (
    select
        documents.*,
        coalesce(figures_per_document.n_figures, 0) as n_figures,
        count(*) over (
            partition by documents.county_code, documents.fiscal_year
        ) as n_documents_in_county_year,
        row_number() over (
            partition by documents.county_code, documents.fiscal_year
            order by
                coalesce(figures_per_document.n_figures, 0) desc,
                case documents.source_format when 'pdf' then 0 else 1 end,
                documents.doc_id
        ) as rank_in_county_year
    from documents
    left join figures_per_document
        on documents.doc_id = figures_per_document.doc_id
),

final as (
    select
        *,
        rank_in_county_year = 1 as is_primary,
        first_value(doc_id) over (
            partition by county_code, fiscal_year order by rank_in_county_year
        ) as primary_doc_id,
        case
            when n_documents_in_county_year = 1
                then 'only document for this county and year'
            when rank_in_county_year = 1
                then 'primary: the most figures were read from it ('
                || n_figures || ') among ' || n_documents_in_county_year
                || ' documents for this county and year; PDF preferred on a tie'
            else 'superseded: another document of the same county and year gave more figures '
                || '(or is the PDF original); its figures are not counted twice'
        end as selection_reason
    from ranked
)

select * from final
