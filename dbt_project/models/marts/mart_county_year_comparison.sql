{%- set comparison_measures = [
    'total_revenue_yuan', 'total_expenditure_yuan', 'basic_expenditure_yuan',
    'personnel_expenditure_yuan', 'public_operating_expenditure_yuan',
    'project_expenditure_yuan', 'agency_operating_cost_yuan',
    'three_public_total_yuan', 'three_public_overseas_yuan', 'three_public_vehicle_total_yuan',
    'three_public_vehicle_purchase_yuan', 'three_public_vehicle_operation_yuan',
    'three_public_reception_yuan',
    'resident_enrollment_persons', 'employee_enrollment_persons',
    'county_resident_subsidy_yuan', 'county_resident_subsidy_per_person_computed',
    'county_resident_subsidy_per_person_stated', 'medical_assistance_yuan',
    'fixed_assets_yuan', 'resident_individual_premium_per_person',
    'resident_fiscal_subsidy_per_person_all_levels',
] -%}

-- One row per county × year, wide: the figures BI tools and researchers compare.  Each
-- figure has its status beside it (reported / reported_zero / derived / not_reported /
-- conflicting); provenance of every figure is in fct_county_measure.
with measures as (
    select * from {{ ref('fct_county_measure') }}
),

counties as (
    select * from {{ ref('dim_county') }}
),

enrollment as (
    select * from {{ ref('int_enrollment_selected') }}
),

subsidy as (
    select * from {{ ref('int_resident_subsidy') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
),

inconsistencies as (
    select
county_code,
fiscal_year,
count(*) as n_source_inconsistencies
    from {{ ref('mart_source_inconsistencies') }}
    group by county_code, fiscal_year
),

pivoted as (
    select
        county_code,
        fiscal_year,
{%- for measure in comparison_measures %}
        max(case when measure = '{{ measure }}' then value end) as {{ measure }},
        coalesce(max(case when measure = '{{ measure }}' then status end), 'not_reported')
        as {{ measure | replace('_yuan', '') | replace('_persons', '') }}_status,
{%- endfor %}
        count(*) filter (where status = 'conflicting') as n_conflicting_figures
    from measures
    group by county_code, fiscal_year
),

documents_per_year as (
    select
        county_code,
        fiscal_year,
        string_agg(doc_id, ', ' order by rank_in_county_year) filter (where is_primary)
        as primary_doc_id,
        count(*) as n_documents
    from documents
    group by county_code, fiscal_year
),

final as (
    select
        pivoted.county_code || '-' || pivoted.fiscal_year as county_year_id,
        pivoted.county_code,
        counties.county_name,
        counties.prefecture_name,
        counties.province_name,
        pivoted.fiscal_year,
        pivoted.* exclude (pivoted.county_code, pivoted.fiscal_year, pivoted.n_conflicting_figures),
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
        documents_per_year.primary_doc_id is null as is_known_only_from_other_years
    from pivoted
    inner join counties
        on pivoted.county_code = counties.county_code
    left join enrollment as resident
        on pivoted.county_code = resident.county_code
        and pivoted.fiscal_year = resident.fiscal_year
        and resident.measure = 'resident_enrollment_persons'
    left join enrollment as employee
        on pivoted.county_code = employee.county_code
        and pivoted.fiscal_year = employee.fiscal_year
        and employee.measure = 'employee_enrollment_persons'
    left join subsidy
        on pivoted.county_code = subsidy.county_code
        and pivoted.fiscal_year = subsidy.fiscal_year
    left join documents_per_year
        on pivoted.county_code = documents_per_year.county_code
        and pivoted.fiscal_year = documents_per_year.fiscal_year
    left join inconsistencies
        on pivoted.county_code = inconsistencies.county_code
        and pivoted.fiscal_year = inconsistencies.fiscal_year
)

select * from final
