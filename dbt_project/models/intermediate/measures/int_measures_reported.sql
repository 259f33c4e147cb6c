-- One value per body × scope × year × measure of the budget phase (choose_measures: the
-- best-placed source wins, tables before prose; another printed figure that disagrees with it
-- beyond printing precision makes the status 'conflicting').  A 部门预算's figures and a 部门决算's
-- 年初预算数 / 预算数 are one fact printed in two documents; a difference between them is
-- 'conflicting' and listed.  The adjusted and actual phases are chosen alike in
-- int_measures_executed.
with candidates as (
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_usable
        and coalesce(phase, 'budget') = 'budget'
),

final as (
    {{ choose_measures('candidates', with_phase=false) }}
)

select * from final
