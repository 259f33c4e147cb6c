-- Two different head counts of the same scheme, kind and year, equally explicit about their
-- year: one row per other figure.
with statements as (
    select * from {{ ref('int_enrollment_statements_unioned') }}
),

conflicts as (
    select * from {{ ref('int_enrollment_chosen_by_kind') }}
    where is_conflicting
),

other_figures as (
    select
        conflicts.enrollment_id,
        statements.persons,
        min(statements.printed_as) as printed_as,
        min(statements.source_kind) as source_kind,
        min(statements.line) as line,
        min(statements.sentence) as sentence
    from conflicts
    inner join statements
        on conflicts.body_scope_id = statements.body_scope_id
        and conflicts.fiscal_year = statements.fiscal_year
        and conflicts.scheme = statements.scheme
        and conflicts.enrollment_kind = statements.enrollment_kind
        and conflicts.year_basis_rank = statements.year_basis_rank
        and conflicts.persons <> statements.persons
    group by all
),

final as (
    select
        {{ inconsistency(
            'two_figures_for_one_thing', 'conflicts.body_scope_id', 'conflicts.fiscal_year',
            'conflicts.doc_id',
            "conflicts.scheme || '_enrollment_persons (' || conflicts.enrollment_kind || ')'",
            "'two ' || conflicts.scheme || ' enrollment figures for ' || conflicts.fiscal_year"
            ~ " || ': ' || conflicts.printed_as || ' and ' || other_figures.printed_as",
            'conflicts.persons', 'conflicts.source_kind', 'other_figures.persons',
            'other_figures.source_kind', 'conflicts.line', 'conflicts.sentence',
            'other_figures.line', 'other_figures.sentence'
        ) }}
    from conflicts
    inner join other_figures
        on conflicts.enrollment_id = other_figures.enrollment_id
)

select * from final
