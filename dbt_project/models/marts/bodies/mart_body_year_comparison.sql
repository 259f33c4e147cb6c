-- depends_on: {{ ref('ref_measures') }}
-- One row per budgeting body × scope × year, wide: budget structure, 三公 and (for
-- medical-insurance bodies) enrollment and subsidies, with division level, body kind and
-- scope as dimensions.  The columns are the measures of ref_measures marked in_comparison;
-- each has its status beside it.  A measure that does not apply to the body's kind
-- (enrollment of a 商务委员会) has NULL value and NULL status.
with measures as (
    select * from {{ ref('fct_body_measure') }}
    where phase = 'budget'  -- the budgets compared; execution: mart_budget_execution
),

bodies as (
    select * from {{ ref('dim_body') }}
),

body_years as (
    select * from {{ ref('int_body_years') }}
),

pivoted as (
    select
        body_scope_id,
        fiscal_year,
        {{ pivot_measures() }}
        count(*) filter (where status = 'conflicting') as n_conflicting_figures
    from measures
    group by body_scope_id, fiscal_year
),

final as (
    select
        body_years.body_year_id,
        body_years.body_scope_id,
        body_years.body_id,
        bodies.body_name,
        body_years.body_kind,
        body_years.scope,
        body_years.is_default_scope,
        body_years.division_key,
        body_years.division_code,
        body_years.division_level,
        bodies.province_name,
        pivoted.* exclude (pivoted.body_scope_id),
        body_years.is_medical_insurance
    from pivoted
    inner join body_years
        on pivoted.body_scope_id = body_years.body_scope_id
        and pivoted.fiscal_year = body_years.fiscal_year
    inner join bodies
        on body_years.body_id = bodies.body_id
)

select * from final
