{#- One value per body × scope × year × measure × phase from the candidates in `relation` (usable
    candidates of int_measure_candidates_unioned): the first in one total order wins — source
    rank (tables before prose), document, page, line, the candidate's place on its line — the
    same order for every phase, so a PDF's page 2 never outranks its page 1; another printed figure that disagrees with it beyond printing
    precision makes the status 'conflicting' (the value shown is the preferred source's; both
    are in mart_source_inconsistencies).  `with_phase`: the phase is a column and part of
    body_measure_id (the adjusted and actual phases; a budget figure's id names none). -#}
{% macro choose_measures(relation, with_phase) %}
    with ranked as (
        select
            *,
            coalesce(phase, 'budget') as chosen_phase,
            row_number() over (
                partition by body_scope_id, fiscal_year, measure, coalesce(phase, 'budget')
                order by source_rank, doc_id, page nulls first, line, candidate_id
            ) as preference
        from {{ relation }}
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
            ranked.chosen_phase,
            count(distinct ranked.value) as n_other_values
        from ranked
        inner join preferred
            on ranked.body_scope_id = preferred.body_scope_id
            and ranked.fiscal_year = preferred.fiscal_year
            and ranked.measure = preferred.measure
            and ranked.chosen_phase = preferred.chosen_phase
        where {{ disagree(
            'ranked.value', 'ranked.precision_yuan', 'preferred.value', 'preferred.precision_yuan'
        ) }}
        group by ranked.body_scope_id, ranked.fiscal_year, ranked.measure, ranked.chosen_phase
    )

    select
        preferred.body_scope_id || '-' || preferred.fiscal_year || '-' || preferred.measure
        {%- if with_phase %} || '-' || preferred.phase{% endif %} as body_measure_id,
        {%- if with_phase %}
        preferred.phase,
        {%- endif %}
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
        and preferred.chosen_phase = disagreeing.chosen_phase
{% endmacro %}
