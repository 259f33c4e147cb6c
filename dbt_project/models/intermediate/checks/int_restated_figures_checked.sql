-- A figure a document restates for another year (last year's column of 上年预算数, a prior
-- year's 三公 column) against the figure of that year's own document, when both were
-- ingested: one row per restated figure that disagrees beyond printing precision.
with candidates as (
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_restated and not is_usable
        and phase = 'budget'
),

chosen as (
    select * from {{ ref('int_measures_reported') }}
),

final as (
    select
        {{ inconsistency(
            'restated_figure_vs_year_document', 'chosen.body_scope_id', 'chosen.fiscal_year',
            'candidates.doc_id', 'chosen.measure',
            "'the ' || candidates.document_year || ' document restates ' || chosen.measure"
            ~ " || ' of ' || chosen.fiscal_year || ' as ' || candidates.value || ', the '"
            ~ " || chosen.fiscal_year || ' document gives ' || chosen.value",
            'candidates.value', "'restated by the ' || candidates.document_year || ' document'",
            'chosen.value', "'the year''s own document'", 'candidates.line', 'candidates.snippet',
            'chosen.line', 'chosen.snippet'
        ) }}
    from candidates
    inner join chosen
        on candidates.body_scope_id = chosen.body_scope_id
        and candidates.fiscal_year = chosen.fiscal_year
        and candidates.measure = chosen.measure
    where {{ disagree(
        'candidates.value', 'candidates.precision_yuan', 'chosen.value', 'chosen.precision_yuan'
    ) }}
    qualify row_number() over (
            partition by inconsistency_id
            order by line_a, snippet_a, snippet_b
        ) = 1
)

select * from final
