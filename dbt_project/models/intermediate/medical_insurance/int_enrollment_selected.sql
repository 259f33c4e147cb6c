-- The enrollment figure of a body-year-scheme: statements with an explicit year beat those that
-- only inherit the budget year; among equally explicit ones, the preferred kind
-- (参保 > 征缴 > 预计 > 受益, ref_enrollment_kinds).  Two different figures of that same kind and
-- rank make it 'conflicting'.
with enrollment as (
    select * from {{ ref('int_enrollment_chosen_by_kind') }}
),

kinds as (
    select * from {{ ref('ref_enrollment_kinds') }}
),

ranked as (
    select
        enrollment.*,
        row_number() over (
            partition by enrollment.body_scope_id, enrollment.fiscal_year, enrollment.scheme
            order by enrollment.year_basis_rank, kinds.enrollment_preference
        ) as preference
    from enrollment
    inner join kinds
        on enrollment.enrollment_kind = kinds.enrollment_kind
    where enrollment.scheme in ('resident', 'employee')
),

final as (
    select
        body_scope_id || '-' || fiscal_year || '-' || scheme || '_enrollment_persons'
            as body_measure_id,
        body_scope_id,
        fiscal_year,
        scheme || '_enrollment_persons' as measure,
        persons as value,
        case when is_conflicting then 'conflicting' else 'reported' end as status,
        enrollment_kind,
        source_kind,
        doc_id,
        page,
        line,
        sentence as snippet,
        enrollment_kind || ' (' || year_basis || ' year), printed as ' || printed_as as basis,
        n_distinct_values
    from ranked
    where preference = 1
)

select * from final
