-- A medical-insurance body's county-level subsidy to the resident insurance fund, the per-person
-- standard the document states, and the per-person figure computed from enrollment.
--   subsidy: the amounts of projects for the county-level resident subsidy (县级配套/补助);
--            else the function subject 2101202 (财政对城乡居民基本医疗保险基金的补助).
--   denominator: resident enrollment of the same year, else the nearest earlier year; counts
--            with their year written beside them first, then, of the kinds available,
--            beneficiaries of the subsidy (受益) first (ref_enrollment_kinds).
with projects as (
    select * from {{ ref('int_projects_categorised') }}
    where is_primary
),

body_years as (
    select distinct
        body_scope_id,
        fiscal_year
    from {{ ref('int_documents_ranked') }}
    where is_primary and is_medical_insurance
),

facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
),

enrollment as (
    select * from {{ ref('int_enrollment_chosen_by_kind') }}
    where scheme = 'resident'
),

kinds as (
    select * from {{ ref('ref_enrollment_kinds') }}
),

from_projects as (
    {{ category_projects_amount('county_resident_subsidy') }}
),

from_function_subject as (
    {{ function_subject_amount(
        '2101202',
        "'function subject 2101202 ' || max(budget_lines.row_label)"
        ~ " || ' (may include transfers from upper levels)'"
    ) }}
),

subsidy as (
    select
        body_years.body_scope_id,
        body_years.fiscal_year,
        coalesce(from_projects.amount_yuan, from_function_subject.amount_yuan) as subsidy_yuan,
        coalesce(from_projects.doc_id, from_function_subject.doc_id) as doc_id,
        coalesce(from_projects.line, from_function_subject.line) as line,
        coalesce(from_projects.basis, from_function_subject.basis) as basis
    from body_years
    left join from_projects
        on body_years.body_scope_id = from_projects.body_scope_id
        and body_years.fiscal_year = from_projects.fiscal_year
    left join from_function_subject
        on body_years.body_scope_id = from_function_subject.body_scope_id
        and body_years.fiscal_year = from_function_subject.fiscal_year
),

stated as (
    select
        projects.body_scope_id,
        projects.fiscal_year,
        min(facts.value) as stated_per_person,
        count(distinct facts.value) as n_distinct_values,
        min(facts.doc_id) as doc_id,
        min(facts.line) as line,
        min(facts.sentence) as sentence
    from facts
    inner join projects
        on facts.project_id = projects.project_id
    where facts.fact_key = 'per_person_subsidy_standard'
        and projects.category = 'county_resident_subsidy'
    group by projects.body_scope_id, projects.fiscal_year
),

denominators as (
    select
        subsidy.body_scope_id,
        subsidy.fiscal_year,
        enrollment.fiscal_year as enrollment_year,
        enrollment.enrollment_kind,
        enrollment.persons,
        row_number() over (
            partition by subsidy.body_scope_id, subsidy.fiscal_year
            order by
                enrollment.fiscal_year desc, enrollment.year_basis_rank asc,
                kinds.per_capita_preference asc, enrollment.enrollment_kind asc
        ) as preference
    from subsidy
    inner join enrollment
        on subsidy.body_scope_id = enrollment.body_scope_id
        and subsidy.fiscal_year >= enrollment.fiscal_year
    inner join kinds
        on enrollment.enrollment_kind = kinds.enrollment_kind
),

final as (
    select
        subsidy.body_scope_id || '-' || subsidy.fiscal_year as body_year_id,
        subsidy.body_scope_id,
        subsidy.fiscal_year,
        subsidy.subsidy_yuan,
        subsidy.doc_id,
        subsidy.line,
        subsidy.basis as subsidy_basis,
        stated.stated_per_person,
        stated.n_distinct_values as stated_n_distinct_values,
        stated.line as stated_line,
        stated.sentence as stated_sentence,
        denominators.persons as denominator_persons,
        denominators.enrollment_year as denominator_year,
        denominators.enrollment_kind as denominator_kind,
        cast(round(subsidy.subsidy_yuan / denominators.persons, 2) as decimal(18, 2))
            as computed_per_person,
        case
            when subsidy.subsidy_yuan is null
                then 'no county resident-insurance subsidy line in the department budget'
            when denominators.persons is null
                then 'no resident enrollment figure for ' || subsidy.fiscal_year
                    || ' or an earlier year in the documents of this body'
        end as computed_null_reason
    from subsidy
    left join stated
        on subsidy.body_scope_id = stated.body_scope_id
        and subsidy.fiscal_year = stated.fiscal_year
    left join denominators
        on subsidy.body_scope_id = denominators.body_scope_id
        and subsidy.fiscal_year = denominators.fiscal_year
        and denominators.preference = 1
)

select * from final
