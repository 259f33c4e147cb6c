-- "Two figures for one thing": a measure printed with different values by one body-year's
-- document (table vs prose, two sentences), or by a body-year's 部门预算 and the 年初预算数 of
-- its 部门决算: one row per other value, in each phase (budget, adjusted, actual); the other
-- value's label names its document (the first 8 characters of its doc_id) when it is another.
with candidates as (
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_usable
),

chosen as (
    select
        *,
        'budget' as phase
    from {{ ref('int_measures_reported') }}
    where n_distinct_values > 1
    union all by name
    select * from {{ ref('int_measures_executed') }}
    where n_distinct_values > 1
),

other_values as (
    select
        chosen.body_scope_id,
        chosen.fiscal_year,
        chosen.measure,
        chosen.phase,
        candidates.value,
        min(candidates.source_kind) as source_kind,
        min(candidates.basis) as basis,
        min(candidates.line) as line,
        min(candidates.snippet) as snippet,
        min(candidates.doc_id) as doc_id
    from chosen
    inner join candidates
        on chosen.body_scope_id = candidates.body_scope_id
        and chosen.fiscal_year = candidates.fiscal_year
        and chosen.measure = candidates.measure
        and chosen.phase = candidates.phase
        and {{ disagree(
            'chosen.value', 'chosen.precision_yuan', 'candidates.value', 'candidates.precision_yuan'
        ) }}
    group by all
),

final as (
    select
        {{ inconsistency(
            'two_figures_for_one_thing', 'chosen.body_scope_id', 'chosen.fiscal_year',
            'chosen.doc_id', 'chosen.measure',
            "'the document gives ' || chosen.measure || ' as ' || chosen.value || ' ('"
            ~ " || chosen.source_kind || ') and as ' || other_values.value || ' ('"
            ~ " || other_values.source_kind || ')'",
            'chosen.value', 'chosen.basis', 'other_values.value',
            "other_values.basis || case when other_values.doc_id <> chosen.doc_id"
            ~ " then ' in document ' || left(other_values.doc_id, 8) else '' end",
            'chosen.line', 'chosen.snippet', 'other_values.line', 'other_values.snippet'
        ) }}
    from chosen
    inner join other_values
        on chosen.body_scope_id = other_values.body_scope_id
        and chosen.fiscal_year = other_values.fiscal_year
        and chosen.measure = other_values.measure
        and chosen.phase = other_values.phase
)

select * from final
