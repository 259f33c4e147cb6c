-- A row's total column against its part columns (basic + project, personnel + public …).
with lines as (
    select * from {{ ref('int_budget_lines_counted') }}
    where table_kind in (
            'expenditure_summary', 'general_budget_expenditure', 'gov_fund_expenditure',
            'state_capital_expenditure', 'fiscal_appropriation_expenditure', 'basic_expenditure'
        )
),

row_parts as (
    select
        doc_id,
        body_scope_id,
        fiscal_year,
        table_kind,
        row_number,
        coalesce(subject_code, row_label) as row_subject,
        max(amount_yuan) filter (where column_name = 'total') as row_total,
        sum(amount_yuan) filter (
            where column_name in (
                'basic', 'project', 'operating_expense', 'remit_superior',
                'affiliated_subsidy', 'personnel', 'public'
            )
        ) as parts_sum,
        min(line) as line,
        min(snippet) as snippet
    from lines
    where subject_scheme is not null or row_key = 'total'
    group by all
),

checked as (
    select
        {{ inconsistency(
            'row_total_vs_parts', 'body_scope_id', 'fiscal_year', 'doc_id',
            "table_kind || ' ' || row_subject",
            "'the total column of ' || row_subject || ' is ' || row_total"
            ~ " || ' but its part columns add up to ' || parts_sum",
            'row_total', "'total column'", 'parts_sum', "'sum of part columns'",
            'line', 'snippet', 'line', 'snippet'
        ) }}
    from row_parts
    where parts_sum is not null
        and row_total <> parts_sum
),

final as (
    select * from checked
    qualify row_number() over (
            partition by inconsistency_id
            order by line_a, snippet_a, snippet_b
        ) = 1
)

select * from final
