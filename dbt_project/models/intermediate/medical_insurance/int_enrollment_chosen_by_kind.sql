-- Enrollment by body-year × scheme × kind.  Of several statements of one kind, those with the
-- year written next to the figure win; different figures at that level are a conflict (kept,
-- flagged, and listed in mart_source_inconsistencies).
with statements as (
    select * from {{ ref('int_enrollment_statements_unioned') }}
),

best_rank as (
    select
        *,
        min(year_basis_rank) over (
            partition by body_scope_id, fiscal_year, scheme, enrollment_kind
        ) as best_year_basis_rank
    from statements
),

at_best as (
    select
        *,
        count(distinct persons) over (
            partition by body_scope_id, fiscal_year, scheme, enrollment_kind
        ) as n_distinct_values,
        count(*) over (
            partition by body_scope_id, fiscal_year, scheme, enrollment_kind
        ) as n_statements,
        row_number() over (
            partition by body_scope_id, fiscal_year, scheme, enrollment_kind
            order by source_order, line, fact_id
        ) as preference
    from best_rank
    where year_basis_rank = best_year_basis_rank
),

final as (
    select
        body_scope_id || '-' || fiscal_year || '-' || scheme || '-' || enrollment_kind
            as enrollment_id,
        body_scope_id,
        fiscal_year,
        scheme,
        enrollment_kind,
        persons,
        printed_as,
        year_basis,
        year_basis_rank,
        n_statements,
        n_distinct_values,
        n_distinct_values > 1 as is_conflicting,
        source_kind,
        fact_id,
        doc_id,
        page,
        line,
        sentence
    from at_best
    where preference = 1
)

select * from final
