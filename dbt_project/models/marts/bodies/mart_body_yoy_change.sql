-- Year-over-year change per budgeting body × scope × measure (any body, any level): each figure
-- against the nearest earlier year with a figure of the same body and scope.  The body keeps
-- its key across a re-coding of its division; is_code_changed says when the code changed.
with measures as (
    select * from {{ ref('fct_body_measure') }}
    where value is not null
        and phase = 'budget'
        and status in ('reported', 'reported_zero', 'derived', 'conflicting')
),

final as (
    {{ yoy_pairs('measures', 'body_scope_id', 'division_code', 'body_scope_id') }}
)

select * from final
