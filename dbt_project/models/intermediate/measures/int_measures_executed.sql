-- One value per body × scope × year × measure from the usable candidates: the best-placed
-- source wins (tables before prose); another printed figure that disagrees with it beyond
-- printing precision makes the status 'conflicting' (the value shown is the preferred
-- source's; both are in mart_source_inconsistencies).
-- The adjusted (调整预算数 / 全年预算数) and actual (决算数) phases of a body-year measure, chosen
-- as int_measures_reported chooses the budget: one value per body × scope × year × measure ×
-- phase, tables before prose, two printed figures that disagree 'conflicting'.
with candidates as (
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_usable
        and phase <> 'budget'
),

ranked as (
    select
        *,
        row_number() over (
            partition by body_scope_id, fiscal_year, measure, phase
            order by source_rank, doc_id, line, candidate_id
        ) as preference
    from candidates
),

preferred as (
    select * from ranked
    where preference = 1
),

disagreeing as (
    select
        ranked.body_scope_id,
        ranked.fiscal_year,
        ranked.measure,
        ranked.phase,
        count(distinct ranked.value) as n_other_values
    from ranked
    inner join preferred
        on ranked.body_scope_id = preferred.body_scope_id
        and ranked.fiscal_year = preferred.fiscal_year
        and ranked.measure = preferred.measure
        and ranked.phase = preferred.phase
    where {{ disagree(
        'ranked.value', 'ranked.precision_yuan', 'preferred.value', 'preferred.precision_yuan'
    ) }}
    group by ranked.body_scope_id, ranked.fiscal_year, ranked.measure, ranked.phase
),

final as (
    select
        preferred.body_scope_id || '-' || preferred.fiscal_year || '-' || preferred.measure
        || '-' || preferred.phase as body_measure_id,
        preferred.phase,
        preferred.body_scope_id,
        preferred.fiscal_year,
        preferred.measure,
        preferred.value,
        case
            when disagreeing.n_other_values > 0 then 'conflicting' else preferred.status
        end as status,
        preferred.source_kind,
        preferred.doc_id,
        preferred.page,
        preferred.line,
        preferred.snippet,
        preferred.basis,
        1 + coalesce(disagreeing.n_other_values, 0) as n_distinct_values,
        preferred.precision_yuan
    from preferred
    left join disagreeing
        on preferred.body_scope_id = disagreeing.body_scope_id
        and preferred.fiscal_year = disagreeing.fiscal_year
        and preferred.measure = disagreeing.measure
        and preferred.phase = disagreeing.phase
)

select * from final
