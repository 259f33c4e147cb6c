-- One value per body × scope × year × measure from the usable candidates: the best-placed
-- source wins (tables before prose); another printed figure that disagrees with it beyond
-- printing precision makes the status 'conflicting' (the value shown is the preferred
-- source's; both are in mart_source_inconsistencies).
-- The budget phase: a 部门预算's figures and a 部门决算's 年初预算数 / 预算数 are one fact
-- printed in two documents; a difference between them is 'conflicting' and listed.  The
-- adjusted and actual phases are chosen alike in int_measures_executed.
with candidates as (
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_usable
        and coalesce(phase, 'budget') = 'budget'
),

ranked as (
    select
        *,
        row_number() over (
            partition by body_scope_id, fiscal_year, measure
            -- a total order: document, page, line, then the candidate's place on its line
            order by source_rank, doc_id, page nulls first, line, candidate_id
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
        count(distinct ranked.value) as n_other_values
    from ranked
    inner join preferred
        on ranked.body_scope_id = preferred.body_scope_id
        and ranked.fiscal_year = preferred.fiscal_year
        and ranked.measure = preferred.measure
    where {{ disagree(
        'ranked.value', 'ranked.precision_yuan', 'preferred.value', 'preferred.precision_yuan'
    ) }}
    group by ranked.body_scope_id, ranked.fiscal_year, ranked.measure
),

final as (
    select
        preferred.body_scope_id || '-' || preferred.fiscal_year || '-' || preferred.measure
            as body_measure_id,
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
)

select * from final
