-- "Two figures for one thing": a measure printed with different values in one document
-- (table vs prose, two sentences), and head counts of the same kind that disagree.
with candidates as (
    select * from {{ ref('int_measure_candidates') }}
),

chosen as (
    select * from {{ ref('int_county_measures_reported') }}
    where n_distinct_values > 1
),

enrollment_candidates as (
    select * from {{ ref('int_enrollment_candidates') }}
),

enrollment_conflicts as (
    select * from {{ ref('fct_enrollment') }}
    where is_conflicting
),

measure_pairs as (
    select
        chosen.county_code,
        chosen.fiscal_year,
        chosen.doc_id,
        'two_figures_for_one_thing' as check_name,
        chosen.measure as subject,
        'the document gives ' || chosen.measure || ' as ' || chosen.value || ' ('
        || chosen.source_kind || ') and as ' || candidates.value || ' (' || candidates.source_kind
        || ')' as description,
        chosen.value as value_a,
        chosen.basis as label_a,
        candidates.value as value_b,
        candidates.basis as label_b,
        chosen.line as line_a,
        chosen.snippet as snippet_a,
        candidates.line as line_b,
        candidates.snippet as snippet_b
    from chosen
    inner join candidates
        on chosen.county_code = candidates.county_code
        and chosen.fiscal_year = candidates.fiscal_year
        and chosen.measure = candidates.measure
        and chosen.value <> candidates.value
),

enrollment_pairs as (
    select
        enrollment_conflicts.county_code,
        enrollment_conflicts.fiscal_year,
        enrollment_conflicts.doc_id,
        'two_figures_for_one_thing' as check_name,
        enrollment_conflicts.scheme || '_enrollment_persons (' || enrollment_conflicts.enrollment_kind
        || ')' as subject,
        'two ' || enrollment_conflicts.scheme || ' enrollment figures for '
        || enrollment_conflicts.fiscal_year || ': ' || enrollment_conflicts.printed_as || ' and '
        || enrollment_candidates.printed_as as description,
        enrollment_conflicts.persons as value_a,
        enrollment_conflicts.source_kind as label_a,
        enrollment_candidates.persons as value_b,
        enrollment_candidates.source_kind as label_b,
        enrollment_conflicts.line as line_a,
        enrollment_conflicts.sentence as snippet_a,
        enrollment_candidates.line as line_b,
        enrollment_candidates.sentence as snippet_b
    from enrollment_conflicts
    inner join enrollment_candidates
        on enrollment_conflicts.county_code = enrollment_candidates.county_code
        and enrollment_conflicts.fiscal_year = enrollment_candidates.fiscal_year
        and enrollment_conflicts.scheme = enrollment_candidates.scheme
        and enrollment_conflicts.enrollment_kind = enrollment_candidates.enrollment_kind
        and enrollment_conflicts.year_basis_rank = enrollment_candidates.year_basis_rank
        and enrollment_conflicts.persons <> enrollment_candidates.persons
),

final as (
    select * from measure_pairs
    union all
    select * from enrollment_pairs
)

select * from final
