-- depends_on: {{ ref('ref_measures') }}
-- One row per county × year, wide: the figures BI tools and researchers compare for county
-- medical-insurance bureaus.  The columns are the measures of ref_measures marked
-- in_comparison; each has its status beside it (reported / reported_zero / derived /
-- not_reported / conflicting); provenance of every figure is in fct_county_measure.  A county
-- keeps its division_key across a re-coding (崇明县 310230 → 崇明区 310151); division_change
-- says when the code changed or the division was made from others.  Context (ref_measures
-- rows with a derivation): per resident of the census population nearest the year
-- (population_year, population_source), enrollment coverage, constant yuan of the price base
-- year; each NULL with population_null_reason / real_terms_null_reason where its denominator is
-- missing; peer groups (province, population band, body kind) and the county's rank in each.
with measures as (
    select
        *,
        true as is_medical_insurance
    from {{ ref('fct_county_measure') }}
    where phase = 'budget'  -- the budgets compared; execution: mart_budget_execution
),

county_bodies as (
    select * from {{ ref('int_county_bodies_selected') }}
),

enrollment as (
    select * from {{ ref('int_enrollment_selected') }}
),

subsidy as (
    select * from {{ ref('int_resident_subsidy_computed') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
),

context as (
    select * from {{ ref('int_body_years_contextualised') }}
),

inconsistencies as (
    select
        county_code,
        fiscal_year,
        count(*) as n_source_inconsistencies
    from {{ ref('mart_source_inconsistencies') }}
    where county_code is not null
    group by county_code, fiscal_year
),

pivoted as (
    select
        county_code,
        fiscal_year,
        {{ pivot_measures() }}
        count(*) filter (where status = 'conflicting') as n_conflicting_figures
    from measures
    group by county_code, fiscal_year
),

documents_per_year as (
    select
        body_scope_id,
        fiscal_year,
        string_agg(doc_id, ', ' order by doc_id) filter (where is_primary) as primary_doc_id,
        count(*) as n_documents
    from documents
    group by body_scope_id, fiscal_year
),

series as (
    select
        county_bodies.*,
        lag(county_bodies.county_code) over (
            partition by county_bodies.division_key order by county_bodies.fiscal_year
        ) as prior_county_code
    from county_bodies
),

final as (
    select
        series.county_year_id,
        series.county_code,
        series.county_name,
        series.prefecture_name,
        series.province_name,
        series.division_key,
        case
            when series.prior_county_code <> series.county_code
                then 'code changed from ' || series.prior_county_code || ' to '
                    || series.county_code || ' (one division, renamed or upgraded)'
            when series.predecessor_codes is not null
                then 'made from ' || series.predecessor_codes
        end as division_change,
        series.body_scope_id,
        series.scope,
        pivoted.* exclude (pivoted.county_code, pivoted.n_conflicting_figures),
        resident.enrollment_kind as resident_enrollment_kind,
        resident.fiscal_year as resident_enrollment_year,
        employee.enrollment_kind as employee_enrollment_kind,
        employee.fiscal_year as employee_enrollment_year,
        subsidy.denominator_persons as per_capita_enrollment_persons,
        subsidy.denominator_year as per_capita_enrollment_year,
        subsidy.denominator_kind as per_capita_enrollment_kind,
        subsidy.computed_null_reason as per_capita_null_reason,
        subsidy.subsidy_basis as county_resident_subsidy_basis,
        pivoted.n_conflicting_figures,
        coalesce(inconsistencies.n_source_inconsistencies, 0) as n_source_inconsistencies,
        coalesce(documents_per_year.n_documents, 0) as n_documents,
        documents_per_year.primary_doc_id,
        documents_per_year.primary_doc_id is null as is_known_only_from_other_years,
        {{ derive_context_measures('pivoted', 'context') }}
        context.population,
        context.population_year,
        context.population_source,
        context.population_null_reason,
        context.cpi_index,
        context.price_base_year,
        context.real_terms_null_reason,
        context.body_kind,
        context.population_band
    from series
    inner join pivoted
        on series.county_code = pivoted.county_code
        and series.fiscal_year = pivoted.fiscal_year
    left join enrollment as resident
        on series.body_scope_id = resident.body_scope_id
        and series.fiscal_year = resident.fiscal_year
        and resident.measure = 'resident_enrollment_persons'
    left join enrollment as employee
        on series.body_scope_id = employee.body_scope_id
        and series.fiscal_year = employee.fiscal_year
        and employee.measure = 'employee_enrollment_persons'
    left join subsidy
        on series.body_scope_id = subsidy.body_scope_id
        and series.fiscal_year = subsidy.fiscal_year
    left join documents_per_year
        on series.body_scope_id = documents_per_year.body_scope_id
        and series.fiscal_year = documents_per_year.fiscal_year
    left join inconsistencies
        on series.county_code = inconsistencies.county_code
        and series.fiscal_year = inconsistencies.fiscal_year
    left join context
        on series.body_scope_id = context.body_scope_id
        and series.fiscal_year = context.fiscal_year
),

-- a county's rank by total expenditure per resident (1 = most) among the counties of its
-- peer group that have the figure in the same year; NULL without the figure
ranked as (
    select
        *,
        {{ rank_among_peers(
            'total_expenditure_per_resident',
            ['province_name', 'fiscal_year'],
            'per_resident_rank_in_province',
            'per_resident_peers_in_province'
        ) }},
        {{ rank_among_peers(
            'total_expenditure_per_resident',
            ['population_band', 'fiscal_year'],
            'per_resident_rank_in_population_band',
            'per_resident_peers_in_population_band'
        ) }},
        {{ rank_among_peers(
            'total_expenditure_per_resident',
            ['body_kind', 'fiscal_year'],
            'per_resident_rank_in_body_kind',
            'per_resident_peers_in_body_kind'
        ) }}
    from final
)

select * from ranked
