-- Year-over-year change per county × measure: each figure against the nearest earlier year
-- with a figure.  prior_source says where that earlier figure came from: 'document' (a
-- document of that year, or arithmetic of one) or 'stated_change' (derived from a later
-- document's "较上年增加/减少…" sentence).
with measures as (
    select * from {{ ref('fct_county_measure') }}
    where value is not null
        and status in ('reported', 'reported_zero', 'derived', 'conflicting')
),

paired as (
    select
        current_year.county_code,
        current_year.measure,
        current_year.unit,
        current_year.fiscal_year,
        current_year.value,
        current_year.status,
        prior_year.fiscal_year as prior_year,
        prior_year.value as prior_value,
        prior_year.status as prior_status,
        case
            when prior_year.source_kind = 'stated_change' then 'stated_change'
            else 'document'
        end as prior_source,
        current_year.basis,
        prior_year.basis as prior_basis,
        current_year.doc_id,
        prior_year.doc_id as prior_doc_id,
        row_number() over (
            partition by current_year.county_code, current_year.measure, current_year.fiscal_year
            order by prior_year.fiscal_year desc
        ) as nearest
    from measures as current_year
    inner join measures as prior_year
        on current_year.county_code = prior_year.county_code
        and current_year.measure = prior_year.measure
        and current_year.fiscal_year > prior_year.fiscal_year
),

final as (
    select
        county_code || '-' || measure || '-' || fiscal_year as yoy_id,
        county_code,
        measure,
        unit,
        fiscal_year,
        value,
        status,
        prior_year,
        prior_value,
        prior_status,
        value - prior_value as abs_change,
        case
            when prior_value <> 0
                then cast(round((value - prior_value) / abs(prior_value) * 100, 2) as decimal(18, 2))
        end as pct_change,
        fiscal_year - prior_year as years_apart,
        prior_source,
        -- enrollment figures of different kinds (预计 vs 参保) are not like for like
        case
            when measure like '%enrollment_persons'
                then split_part(basis, ' ', 1) = split_part(prior_basis, ' ', 1)
            else true
        end as is_like_for_like,
        basis,
        prior_basis,
        doc_id,
        prior_doc_id
    from paired
    where nearest = 1
)

select * from final
