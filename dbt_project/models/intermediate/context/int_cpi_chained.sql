-- The national consumer price index (ref_cpi: NBS 统计公报, percent change on the previous
-- year) chained into an index, 2020 = 100, and the factor that turns a year's yuan into constant
-- yuan of the price base year (dbt var cpi_base_year, default 2020).  A year is chained only
-- through published rates: a year whose chain to 2020 misses a rate has no index (NULL), never
-- a rate of 0.
with rates as (
    select * from {{ ref('ref_cpi') }}
),

-- log of the index relative to 2020: the sum of ln(1 + rate) of the years after 2020 up to
-- the year, minus that of the years after the year up to 2020
chained as (
    select
        later.year,
        later.cpi_change_pct,
        later.source,
        case
            when later.year >= 2020
                then sum(ln(1 + cast(earlier.cpi_change_pct as double) / 100))
                    filter (where earlier.year > 2020 and earlier.year <= later.year)
            else -sum(ln(1 + cast(earlier.cpi_change_pct as double) / 100))
                filter (where earlier.year > later.year and earlier.year <= 2020)
        end as log_index,
        -- the years the chain needs, and how many of them have a rate
        abs(later.year - 2020) as years_needed,
        count(earlier.year) filter (
            where (later.year >= 2020 and earlier.year > 2020 and earlier.year <= later.year)
            or (later.year < 2020 and earlier.year > later.year and earlier.year <= 2020)
        ) as years_found
    from rates as later
    cross join rates as earlier
    group by later.year, later.cpi_change_pct, later.source
),

indexed as (
    select
        year as fiscal_year,
        cpi_change_pct,
        source as cpi_source,
        case
            when years_found = years_needed then 100 * exp(coalesce(log_index, 0))
        end as cpi_index
    from chained
),

final as (
    select
        indexed.fiscal_year,
        indexed.cpi_change_pct,
        indexed.cpi_index,
        {{ var('cpi_base_year') }} as price_base_year,
        base.cpi_index / indexed.cpi_index as price_deflator,
        indexed.cpi_source
    from indexed
    left join indexed as base
        on base.fiscal_year = {{ var('cpi_base_year') }}
)

select * from final
