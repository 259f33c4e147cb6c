-- Total revenue against total expenditure (a budget balances).
with totals as (
    select * from {{ ref('int_body_year_totals_pivoted') }}
),

final as (
    select
        {{ inconsistency(
            'revenue_vs_expenditure', 'body_scope_id', 'fiscal_year', 'doc_id',
            "'total_revenue_yuan'",
            "'total revenue ' || total_revenue || ' differs from total expenditure '"
            ~ " || total_expenditure",
            'total_revenue', "'total revenue'", 'total_expenditure', "'total expenditure'",
            'total_line', 'total_snippet', 'total_line', 'total_snippet'
        ) }}
    from totals
    where total_revenue <> total_expenditure
)

select * from final
