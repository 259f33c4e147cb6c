-- How the county medical-insurance bureau's budget was executed, county × year × measure
-- (mart_budget_execution for the body int_county_bodies_selected names for each county-year).
with execution as (
    select * from {{ ref('mart_budget_execution') }}
),

county_bodies as (
    select * from {{ ref('int_county_bodies_selected') }}
),

final as (
    select
        county_bodies.county_code || '-' || execution.fiscal_year || '-' || execution.measure
            as county_budget_execution_id,
        county_bodies.county_code,
        county_bodies.division_key,
        execution.* exclude (execution.county_code)
    from execution
    inner join county_bodies
        on execution.body_scope_id = county_bodies.body_scope_id
        and execution.fiscal_year = county_bodies.fiscal_year
)

select * from final
