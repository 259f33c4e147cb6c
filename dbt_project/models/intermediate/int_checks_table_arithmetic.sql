-- Broken arithmetic inside the budget tables: a parent subject against the sum of its
-- children (per column), a row's total against its part columns, and one subject printed
-- with different totals in two tables.
with lines as (
    select * from {{ ref('fct_budget_line') }}
    where subject_scheme is not null or row_key = 'total'
),

subject_lines as (
    select * from lines
    where subject_code is not null
),

children as (
    select
        doc_id,
        county_code,
        fiscal_year,
        table_kind,
        column_name,
        left(subject_code, length(subject_code) - 2) as parent_code,
        sum(amount_yuan) as children_sum,
        string_agg(subject_code, '+' order by subject_code) as children_codes,
        min(line) as line
    from subject_lines
    where length(subject_code) > 3
    group by all
),

class_children as (
    select
        doc_id,
        county_code,
        fiscal_year,
        table_kind,
        column_name,
        sum(amount_yuan) as children_sum,
        string_agg(subject_code, '+' order by subject_code) as children_codes,
        min(line) as line
    from subject_lines
    where length(subject_code) = 3
    group by all
),

parent_vs_children as (
    select
        parents.county_code,
        parents.fiscal_year,
        parents.doc_id,
        'parent_vs_children' as check_name,
        parents.table_kind || ' ' || parents.subject_code || ' ' || parents.column_name as subject,
        parents.row_label || ' (' || parents.subject_code || ') is ' || parents.amount_yuan
        || ' but its children ' || children.children_codes || ' add up to '
        || children.children_sum as description,
        parents.amount_yuan as value_a,
        'parent ' || parents.subject_code as label_a,
        children.children_sum as value_b,
        'sum of ' || children.children_codes as label_b,
        parents.line as line_a,
        parents.snippet as snippet_a,
        children.line as line_b,
        cast(null as varchar) as snippet_b
    from subject_lines as parents
    inner join children
        on parents.doc_id = children.doc_id
        and parents.table_kind = children.table_kind
        and parents.column_name = children.column_name
        and parents.subject_code = children.parent_code
    where parents.amount_yuan <> children.children_sum
),

total_vs_classes as (
    select
        totals.county_code,
        totals.fiscal_year,
        totals.doc_id,
        'parent_vs_children' as check_name,
        totals.table_kind || ' 合计 ' || totals.column_name as subject,
        '合计 is ' || totals.amount_yuan || ' but the classes ' || class_children.children_codes
        || ' add up to ' || class_children.children_sum as description,
        totals.amount_yuan as value_a,
        '合计' as label_a,
        class_children.children_sum as value_b,
        'sum of ' || class_children.children_codes as label_b,
        totals.line as line_a,
        totals.snippet as snippet_a,
        class_children.line as line_b,
        cast(null as varchar) as snippet_b
    from lines as totals
    inner join class_children
        on totals.doc_id = class_children.doc_id
        and totals.table_kind = class_children.table_kind
        and totals.column_name = class_children.column_name
    where totals.row_key = 'total'
        and totals.subject_code is null
        and totals.amount_yuan <> class_children.children_sum
),

row_parts as (
    select
        doc_id,
        county_code,
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
    where table_kind in (
        'expenditure_summary', 'general_budget_expenditure', 'gov_fund_expenditure',
        'state_capital_expenditure', 'fiscal_appropriation_expenditure', 'basic_expenditure'
    )
    group by all
),

total_vs_parts as (
    select
        county_code,
        fiscal_year,
        doc_id,
        'row_total_vs_parts' as check_name,
        table_kind || ' ' || row_subject as subject,
        'the total column of ' || row_subject || ' is ' || row_total
        || ' but its part columns add up to ' || parts_sum as description,
        row_total as value_a,
        'total column' as label_a,
        parts_sum as value_b,
        'sum of part columns' as label_b,
        line as line_a,
        snippet as snippet_a,
        line as line_b,
        snippet as snippet_b
    from row_parts
    where parts_sum is not null
        and row_total <> parts_sum
),

subject_totals as (
    select
        doc_id,
        county_code,
        fiscal_year,
        subject_code,
        table_kind,
        amount_yuan,
        line,
        snippet
    from subject_lines
    where column_name = 'total'
        and subject_scheme = 'function'
),

across_tables as (
    select
        first_table.county_code,
        first_table.fiscal_year,
        first_table.doc_id,
        'same_subject_across_tables' as check_name,
        'function ' || first_table.subject_code as subject,
        first_table.subject_code || ' totals ' || first_table.amount_yuan || ' in '
        || first_table.table_kind || ' but ' || second_table.amount_yuan || ' in '
        || second_table.table_kind as description,
        first_table.amount_yuan as value_a,
        first_table.table_kind as label_a,
        second_table.amount_yuan as value_b,
        second_table.table_kind as label_b,
        first_table.line as line_a,
        first_table.snippet as snippet_a,
        second_table.line as line_b,
        second_table.snippet as snippet_b
    from subject_totals as first_table
    inner join subject_totals as second_table
        on first_table.doc_id = second_table.doc_id
        and first_table.subject_code = second_table.subject_code
        and first_table.table_kind < second_table.table_kind
        and first_table.amount_yuan <> second_table.amount_yuan
    -- the general-budget table covers only general-budget money: compare like with like
    where first_table.table_kind <> 'general_budget_expenditure'
        and second_table.table_kind <> 'general_budget_expenditure'
),

final as (
    select * from parent_vs_children
    union all
    select * from total_vs_classes
    union all
    select * from total_vs_parts
    union all
    select * from across_tables
)

select * from final
