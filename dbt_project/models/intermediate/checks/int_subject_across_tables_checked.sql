-- One function subject printed with different totals in two tables of one document (the
-- general-budget table covers only general-budget money: it is compared with nothing; a
-- 收入决算表 lists income by function subject, not spending: neither).  One phase at a time.
with lines as (
    select * from {{ ref('int_budget_lines_counted') }}
),

coded_totals as (
    select * from lines
    where column_name = 'total'
        and subject_scheme = 'function'
        and subject_code is not null
        and table_kind not in ('general_budget_expenditure', 'income_summary')
),

-- The summary table prints each class (类) on its expenditure side by name only (八、社会保障和
-- 就业支出): the class of that name in the same document's subject table gives it its code.
-- A 部门决算 prints 326.71 there and 326.72 for 208 in its tables: a contradiction listed.
class_codes as (
    select distinct
        doc_id,
        phase,
        row_label,
        subject_code
    from coded_totals
    where length(subject_code) = 3
),

summary_classes as (
    select
        lines.* exclude (lines.subject_code),
        class_codes.subject_code
    from lines
    inner join class_codes
        on lines.doc_id = class_codes.doc_id
        and lines.phase = class_codes.phase
        and lines.row_label = class_codes.row_label
    where lines.table_kind = 'income_expense_summary'
        and lines.side = 'expenditure'
        and lines.column_name = 'total'
        and lines.row_key is null
),

subject_totals as (
    select * from coded_totals
    union all by name
    select * from summary_classes
),

checked as (
    select
        {{ inconsistency(
            'same_subject_across_tables', 'first_table.body_scope_id', 'first_table.fiscal_year',
            'first_table.doc_id',
            "'function ' || first_table.subject_code || ' (' || first_table.table_kind || ' vs '"
            ~ " || second_table.table_kind || ')'",
            "first_table.subject_code || ' totals ' || first_table.amount_yuan || ' in '"
            ~ " || first_table.table_kind || ' but ' || second_table.amount_yuan || ' in '"
            ~ " || second_table.table_kind",
            'first_table.amount_yuan', 'first_table.table_kind', 'second_table.amount_yuan',
            'second_table.table_kind', 'first_table.line', 'first_table.snippet',
            'second_table.line', 'second_table.snippet'
        ) }}
    from subject_totals as first_table
    inner join subject_totals as second_table
        on first_table.doc_id = second_table.doc_id
        and first_table.subject_code = second_table.subject_code
        and first_table.table_kind < second_table.table_kind
        and first_table.phase = second_table.phase
        and first_table.amount_yuan <> second_table.amount_yuan
),

final as (
    select * from checked
    qualify row_number() over (
            partition by inconsistency_id
            order by line_a, line_b, snippet_a, snippet_b
        ) = 1
)

select * from final
