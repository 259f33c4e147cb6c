with county_years as (
    select * from {{ ref('int_county_years') }}
),

final as (
    select
        fiscal_year,
        count(distinct county_code) as n_counties
    from county_years
    group by fiscal_year
)

select * from final
