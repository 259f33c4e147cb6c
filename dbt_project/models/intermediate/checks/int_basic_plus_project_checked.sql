-- The printed total expenditure against basic + project expenditure.
with totals as (
    select * from {{ ref('int_body_year_totals_pivoted') }}
),

final as (
    select
        {{ inconsistency(
            'basic_plus_project_vs_total', 'body_scope_id', 'fiscal_year', 'doc_id',
            "'total_expenditure_yuan'",
            "'the printed total ' || total_expenditure || ' is not basic ' || basic"
            ~ " || ' + project ' || project || ' = ' || (basic + project)",
            'total_expenditure', "'printed total expenditure'", 'basic + project',
            "'basic + project expenditure'", 'total_line', 'total_snippet', 'basic_line',
            'basic_snippet'
        ) }}
    from totals
    where total_expenditure <> basic + project
)

select * from final
