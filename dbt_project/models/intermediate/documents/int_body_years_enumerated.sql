-- Every body × scope × year any primary document speaks of: budget years, and the years of
-- stated figures (last year's enrollment, a change against 2020, assets at the end of last
-- year).  Each gets the division code valid in that year and whether it is the scope that
-- feeds the body-year's comparisons (the 部门预算 when there is one).
with documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
),

assets as (
    select * from {{ ref('stg_raw__assets') }}
),

three_public as (
    select * from {{ ref('stg_raw__three_public') }}
),

divisions as (
    select * from {{ ref('ref_divisions') }}
),

years_spoken_of as (
    select
        doc_id,
        fiscal_year
    from documents
    union
    select
        doc_id,
        fact_year
    from facts
    union
    select
        doc_id,
        compared_year
    from facts
    where fact_kind = 'change'
    union
    select
        doc_id,
        as_of_year
    from assets
    union
    select
        doc_id,
        fiscal_year
    from three_public
),

body_years as (
    select
        documents.body_scope_id,
        documents.body_id,
        documents.scope,
        documents.division_key,
        years_spoken_of.fiscal_year,
        -- the latest document speaking of the year names the body and its division
        arg_max(documents.division_code, documents.fiscal_year) as document_division_code,
        arg_max(documents.division_name, documents.fiscal_year) as document_division_name,
        arg_max(documents.division_level, documents.fiscal_year) as division_level,
        bool_or(documents.is_medical_insurance) as is_medical_insurance,
        arg_max(documents.body_kind, documents.fiscal_year) as body_kind
    from years_spoken_of
    inner join documents
        on years_spoken_of.doc_id = documents.doc_id
    where years_spoken_of.fiscal_year is not null
    group by all
),

successions as (
    select
        division_code,
        valid_to,
        unnest(string_split(successor_codes, '|')) as successor_code
    from divisions
    where successor_codes is not null
),

predecessors as (
    select
        successor_code as division_code,
        string_agg(division_code, '|' order by division_code) as predecessor_codes,
        max(valid_to) as predecessors_ended
    from successions
    where successor_code <> division_code
    group by successor_code
),

with_code as (
    select
        body_years.*,
        coalesce(divisions.division_code, body_years.document_division_code) as division_code,
        coalesce(divisions.division_name, body_years.document_division_name) as division_name,
        nullif(divisions.prefecture_name, '') as prefecture_name,
        coalesce(nullif(divisions.province_name, ''), divisions.division_name) as province_name,
        divisions.valid_from as division_valid_from
    from body_years
    left join divisions
        on body_years.division_key = divisions.division_key
        and body_years.fiscal_year >= divisions.valid_from
        and body_years.fiscal_year <= coalesce(divisions.valid_to, 9999)
    qualify row_number() over (
            partition by body_years.body_scope_id, body_years.fiscal_year
            order by divisions.valid_from desc
        ) = 1
),

final as (
    select
        with_code.body_scope_id || '-' || with_code.fiscal_year as body_year_id,
        with_code.body_scope_id,
        with_code.body_id,
        with_code.scope,
        with_code.fiscal_year,
        with_code.division_key,
        with_code.division_code,
        with_code.division_name,
        with_code.division_level,
        with_code.prefecture_name,
        with_code.province_name,
        -- the division was made from others (a merger) in or just before this year
        case
            when predecessors.predecessors_ended + 1 = with_code.division_valid_from
                then predecessors.predecessor_codes
        end as predecessor_codes,
        with_code.body_kind,
        with_code.is_medical_insurance,
        case
            when with_code.division_level = 'county' then with_code.division_code
        end as county_code,
        min(case with_code.scope when 'department' then 0 else 1 end)
            over (partition by with_code.body_id, with_code.fiscal_year)
        = case with_code.scope when 'department' then 0 else 1 end as is_default_scope
    from with_code
    left join predecessors
        on with_code.division_code = predecessors.division_code
)

select * from final
