-- One value per body × scope × year × measure from the candidates: the best-placed source wins
-- (tables before prose), and two different printed figures make the status 'conflicting'
-- (the value shown is the preferred source's; both are in mart_source_inconsistencies).
with candidates as (
    select * from {{ ref('int_measure_candidates') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by body_scope_id, fiscal_year, measure
            order by source_rank, doc_id, line, candidate_id
        ) as preference,
        count(distinct value) over (
            partition by body_scope_id, fiscal_year, measure
        ) as n_distinct_values
    from candidates
),

final as (
    select
        body_scope_id || '-' || fiscal_year || '-' || measure as body_measure_id,
        body_scope_id,
        fiscal_year,
        measure,
        value,
        case when n_distinct_values > 1 then 'conflicting' else status end as status,
        source_kind,
        doc_id,
        page,
        line,
        snippet,
        basis,
        n_distinct_values
    from ranked
    where preference = 1
)

select * from final
