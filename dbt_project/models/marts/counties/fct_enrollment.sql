-- Enrollment by county × year × scheme × kind (the county's medical-insurance bureau).  Of
-- several statements of one kind, those with the year written next to the figure win;
-- different figures at that level are a conflict (kept, flagged, and listed in
-- mart_source_inconsistencies).
with enrollment as (
    select * from {{ ref('int_enrollment_chosen_by_kind') }}
),

county_bodies as (
    select * from {{ ref('int_county_bodies_selected') }}
),

final as (
    select
        county_bodies.county_code || '-' || enrollment.fiscal_year || '-' || enrollment.scheme
        || '-' || enrollment.enrollment_kind as enrollment_id,
        county_bodies.county_code,
        enrollment.fiscal_year,
        enrollment.body_scope_id,
        enrollment.scheme,
        enrollment.enrollment_kind,
        enrollment.persons,
        enrollment.printed_as,
        enrollment.year_basis,
        enrollment.year_basis_rank,
        enrollment.n_statements,
        enrollment.n_distinct_values,
        enrollment.is_conflicting,
        enrollment.source_kind,
        enrollment.fact_id,
        enrollment.doc_id,
        enrollment.page,
        enrollment.line,
        enrollment.sentence
    from enrollment
    inner join county_bodies
        on enrollment.body_scope_id = county_bodies.body_scope_id
        and enrollment.fiscal_year = county_bodies.fiscal_year
)

select * from final
