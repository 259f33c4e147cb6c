-- The adjusted (调整预算数 / 全年预算数) and actual (决算数) phases of a body-year measure, chosen
-- as int_measures_reported chooses the budget (choose_measures): one value per body × scope ×
-- year × measure × phase, tables before prose, two printed figures that disagree
-- 'conflicting'.
with candidates as (
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_usable
        and phase <> 'budget'
),

final as (
    {{ choose_measures('candidates', with_phase=true) }}
)

select * from final
