-- depends_on: {{ ref('ref_measures') }}
-- One row per budgeting body × scope × year, wide: budget structure, 三公 and (for
-- medical-insurance bodies) enrollment and subsidies, with division level, body kind and
-- scope as dimensions.  The columns are the measures of ref_measures marked in_comparison;
-- each has its status beside it.  A measure that does not apply to the body's kind
-- (enrollment of a 商务委员会) has NULL value and NULL status.  Context as in the county mart:
-- per resident of the body's division (census nearest the year), constant yuan of the price
-- base year, each NULL with its reason where the denominator is missing.
with measures as (
    select * from {{ ref('fct_body_measure') }}
    where phase = 'budget'  -- the budgets compared; execution: mart_budget_execution
),

bodies as (
    select * from {{ ref('dim_body') }}
),

body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

context as (
    select * from {{ ref('int_body_years_contextualised') }}
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
        body_years.is_medical_insurance,
        {{ derive_context_measures('pivoted', 'context') }}
        context.population,
        context.population_year,
        context.population_source,
        context.population_null_reason,
        context.cpi_index,
        context.price_base_year,
        context.real_terms_null_reason,
        context.population_band
    from pivoted
    inner join body_years
        on pivoted.body_scope_id = body_years.body_scope_id
        and pivoted.fiscal_year = body_years.fiscal_year
    inner join bodies
        on body_years.body_id = bodies.body_id
    left join context
        on pivoted.body_scope_id = context.body_scope_id
        and pivoted.fiscal_year = context.fiscal_year
),

-- a body's rank by total expenditure per resident (1 = most) among bodies of its kind and
-- division level with the figure in the same year
ranked as (
    select
        *,
        {{ rank_among_peers(
            'total_expenditure_per_resident',
            ['body_kind', 'division_level', 'fiscal_year'],
            'per_resident_rank_in_body_kind',
            'per_resident_peers_in_body_kind'
        ) }}
    from final
)

select * from ranked
