-- The context of every body-year's figures: the resident population of its division for that
-- year and the price index of the year.  Population: a user's annual row for the year wins;
-- else the census nearest the year (on a tie, 2015, the earlier one: what was known then); a
-- division no census lists has none, and population_null_reason says so (a per-resident figure
-- is then NULL, never 0).  The population band is the peer group of ref_population_bands.
with body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

population as (
    select * from {{ ref('int_population_matched_to_series') }}
),

prices as (
    select * from {{ ref('int_cpi_chained') }}
),

bands as (
    select * from {{ ref('ref_population_bands') }}
),

chosen as (
    select
        body_years.body_scope_id,
        body_years.fiscal_year,
        population.resident_population,
        population.population_year,
        population.population_source
    from body_years
    inner join population
        on body_years.division_key = population.division_key
        and (
            population.population_kind = 'census'
            or body_years.fiscal_year = population.population_year
        )
    qualify row_number() over (
            partition by body_years.body_scope_id, body_years.fiscal_year
            order by
                population.population_kind = 'census',
                abs(population.population_year - body_years.fiscal_year),
                population.population_year
        ) = 1
),

final as (
    select
        body_years.body_year_id,
        body_years.body_scope_id,
        body_years.fiscal_year,
        body_years.division_key,
        body_years.division_code,
        body_years.body_kind,
        chosen.resident_population as population,
        chosen.population_year,
        chosen.population_source,
        case
            when chosen.resident_population is null
                then 'no resident population for division ' || body_years.division_code
                    || ' (series ' || body_years.division_key
                    || ') in the census tables or an annual series (ref_population)'
        end as population_null_reason,
        bands.population_band,
        prices.cpi_index,
        prices.price_base_year,
        prices.price_deflator,
        case
            when prices.price_deflator is null
                then 'no national CPI chained for ' || body_years.fiscal_year
                    || ' or the base year ' || {{ var('cpi_base_year') }} || ' (ref_cpi)'
        end as real_terms_null_reason
    from body_years
    left join chosen
        on body_years.body_scope_id = chosen.body_scope_id
        and body_years.fiscal_year = chosen.fiscal_year
    left join bands
        on chosen.resident_population >= bands.lower_bound
        and (bands.upper_bound is null or chosen.resident_population < bands.upper_bound)
    left join prices
        on body_years.fiscal_year = prices.fiscal_year
)

select * from final
