-- The years any document speaks of, with how many bodies and counties give figures for them.
with body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

final as (
    select
        fiscal_year,
        count(distinct body_id) as n_bodies,
        count(distinct county_code) filter (where is_medical_insurance) as n_counties
    from body_years
    group by fiscal_year
)

select * from final
