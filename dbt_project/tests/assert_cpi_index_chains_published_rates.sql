-- The CPI index chains the published rates: each year's index over the previous year's is
-- 1 + that year's rate / 100, and 2020 is 100.  Returns the years that break it.
with prices as (
    select * from {{ ref('int_cpi_chained') }}
)

select
    current_year.fiscal_year,
    current_year.cpi_index,
    prior_year.cpi_index as prior_index,
    current_year.cpi_change_pct
from prices as current_year
left join prices as prior_year
    on prior_year.fiscal_year = current_year.fiscal_year - 1
where (
    prior_year.fiscal_year is not null
    and abs(
        current_year.cpi_index / prior_year.cpi_index - (1 + current_year.cpi_change_pct / 100)
    ) > 1e-9
)
or (current_year.fiscal_year = 2020 and abs(current_year.cpi_index - 100) > 1e-9)
or current_year.cpi_index is null
