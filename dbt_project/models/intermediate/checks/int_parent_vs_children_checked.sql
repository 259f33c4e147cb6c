-- A parent subject (or a table's 合计) against the sum of its children, per column: 类 = Σ 款,
-- 款 = Σ 项, 合计 = Σ 类.
with lines as (
    select * from {{ ref('int_budget_lines_counted') }}
    where subject_scheme is not null or row_key = 'total'
),

subject_lines as (
    select * from lines
    where subject_code is not null
),

children as (
    select
        doc_id,
        body_scope_id,
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
        body_scope_id,
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
        {{ inconsistency(
            'parent_vs_children', 'parents.body_scope_id', 'parents.fiscal_year',
            'parents.doc_id',
            "parents.table_kind || ' ' || parents.subject_code || ' ' || parents.column_name",
            "parents.row_label || ' (' || parents.subject_code || ') is ' || parents.amount_yuan"
            ~ " || ' but its children ' || children.children_codes || ' add up to '"
            ~ " || children.children_sum",
            'parents.amount_yuan', "'parent ' || parents.subject_code", 'children.children_sum',
            "'sum of ' || children.children_codes", 'parents.line', 'parents.snippet',
            'children.line', 'null'
        ) }}
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
        {{ inconsistency(
            'parent_vs_children', 'totals.body_scope_id', 'totals.fiscal_year', 'totals.doc_id',
            "totals.table_kind || ' 合计 ' || totals.column_name",
            "'合计 is ' || totals.amount_yuan || ' but the classes '"
            ~ " || class_children.children_codes || ' add up to ' || class_children.children_sum",
            'totals.amount_yuan', "'合计'", 'class_children.children_sum',
            "'sum of ' || class_children.children_codes", 'totals.line', 'totals.snippet',
            'class_children.line', 'null'
        ) }}
    from lines as totals
    inner join class_children
        on totals.doc_id = class_children.doc_id
        and totals.table_kind = class_children.table_kind
        and totals.column_name = class_children.column_name
    where totals.row_key = 'total'
        and totals.subject_code is null
        and totals.amount_yuan <> class_children.children_sum
),

unioned as (
    select * from parent_vs_children
    union all
    select * from total_vs_classes
),

-- a subject printed on two rows of one table (one per fund) with the same figures is one
-- contradiction, read once
final as (
    select * from unioned
    qualify row_number() over (
            partition by inconsistency_id
            order by line_a, line_b, snippet_a, snippet_b
        ) = 1
)

select * from final
