-- The years any document speaks of and every year of the price series (ref_cpi), with how
-- many bodies and counties give figures for them (0 for a year known only from prices) and the
-- national CPI of the year (2020 = 100; NULL for a year ref_cpi does not reach).
with body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

prices as (
    select * from {{ ref('int_cpi_chained') }}
),

counted as (
    select
        fiscal_year,
        count(distinct body_id) as n_bodies,
        count(distinct county_code) filter (where is_medical_insurance) as n_counties
    from body_years
    group by fiscal_year
),

final as (
    select
        coalesce(counted.fiscal_year, prices.fiscal_year) as fiscal_year,
        coalesce(counted.n_bodies, 0) as n_bodies,
        coalesce(counted.n_counties, 0) as n_counties,
        prices.cpi_change_pct,
        prices.cpi_index,
        prices.price_base_year,
        prices.price_deflator
    from counted
    full outer join prices
        on counted.fiscal_year = prices.fiscal_year
)

select * from final
