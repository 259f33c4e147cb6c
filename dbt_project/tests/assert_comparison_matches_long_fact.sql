-- The wide mart shows exactly the long fact's values and statuses.
with comparison as (
    select county_code, fiscal_year, total_expenditure_yuan as value, total_expenditure_status as status,
        'total_expenditure_yuan' as measure
    from {{ ref('mart_county_year_comparison') }}
    union all
    select county_code, fiscal_year, three_public_total_yuan, three_public_total_status,
        'three_public_total_yuan'
    from {{ ref('mart_county_year_comparison') }}
    union all
    select county_code, fiscal_year, county_resident_subsidy_per_person_computed,
        county_resident_subsidy_per_person_computed_status,
        'county_resident_subsidy_per_person_computed'
    from {{ ref('mart_county_year_comparison') }}
)

select comparison.*, measures.value as fact_value, measures.status as fact_status
from comparison
left join {{ ref('fct_county_measure') }} as measures
    on comparison.county_code = measures.county_code
    and comparison.fiscal_year = measures.fiscal_year
    and comparison.measure = measures.measure
where comparison.value is distinct from measures.value
    or comparison.status is distinct from measures.status
