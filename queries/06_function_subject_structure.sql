-- 问题: 按支出功能分类科目（类/款/项）看，各县预算支出的结构如何？各科目占总支出的比例是多少？
-- Question: How is each county's budgeted expenditure structured by functional subject (科目) at
--     each level (类 class / 款 section / 项 item), and what share of the total is each subject?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     level_zh, level: 类/款/项 (3/5/7-digit code) = class/section/item.
--     subject_code, subject_name: the functional subject (e.g. 2101202 财政对城乡居民基本医疗保险
--         基金的补助).
--     parent_code: the subject one level up (NULL for a 类).
--     total_yuan, basic_yuan, project_yuan: the subject's amount in the 合计, 基本支出 and 项目支出
--         columns (NULL when the document leaves the cell out, which is not the same as 0).
--     share_of_total_pct: total_yuan ÷ the table's 合计 × 100.
--     share_of_parent_pct: total_yuan ÷ the parent subject's total × 100.
--     children_sum_yuan: the sum of the subject's children in the same table (NULL for a 项).
--     children_match: children_sum_yuan = total_yuan (NULL when the subject has no children).
--
-- Caveat: only documents that print the standard expenditure tables have functional subjects; a
--     county-year missing here printed neither (see standard_tables in 14_documents_coverage:
--     expenditure_summary, general_budget_expenditure). The amounts come from the 支出总表 (expenditure
--     summary) or, where that is missing, from the 一般公共预算财政拨款支出表; the two print the same lines, so
--     only one is used. children_match false means the document's subtotal and its items disagree
--     (parent_vs_children in 05_self_contradictions). Shares at different levels must not be added
--     up (a 类 contains its 款 and 项).

with budget_lines as (
    select * from main.fct_budget_line
),

subjects as (
    select * from main.dim_function_subject
),

counties as (
    select * from main.dim_county
),

table_per_document as (
    select
        doc_id,
        min(table_kind) as table_kind
    from budget_lines
    where table_kind in ('expenditure_summary', 'general_budget_expenditure')
    group by doc_id
),

lines as (
    select budget_lines.*
    from budget_lines
    inner join table_per_document
        on budget_lines.doc_id = table_per_document.doc_id
        and budget_lines.table_kind = table_per_document.table_kind
),

table_totals as (
    select
        doc_id,
        amount_yuan as table_total_yuan
    from lines
    where row_key = 'total'
        and column_name = 'total'
),

by_subject as (
    select
        doc_id,
        county_code,
        fiscal_year,
        function_subject_code,
        max(amount_yuan) filter (where column_name = 'total') as total_yuan,
        max(amount_yuan) filter (where column_name = 'basic') as basic_yuan,
        max(amount_yuan) filter (where column_name = 'project') as project_yuan
    from lines
    where subject_scheme = 'function'
        and function_subject_code is not null
    group by doc_id, county_code, fiscal_year, function_subject_code
),

with_subject as (
    select
        by_subject.*,
        subjects.subject_name,
        subjects.level,
        subjects.level_zh,
        subjects.parent_code
    from by_subject
    inner join subjects
        on by_subject.function_subject_code = subjects.function_subject_code
),

children as (
    select
        doc_id,
        parent_code,
        sum(total_yuan) as children_sum_yuan
    from with_subject
    where parent_code is not null
    group by doc_id, parent_code
),

final as (
    select
        with_subject.county_code,
        counties.county_name,
        with_subject.fiscal_year,
        with_subject.level_zh,
        with_subject.level,
        with_subject.function_subject_code as subject_code,
        with_subject.subject_name,
        with_subject.parent_code,
        with_subject.total_yuan,
        with_subject.basic_yuan,
        with_subject.project_yuan,
        cast(
            100 * with_subject.total_yuan / nullif(table_totals.table_total_yuan, 0)
            as decimal(9, 2)
        ) as share_of_total_pct,
        cast(
            100 * with_subject.total_yuan / nullif(parents.total_yuan, 0) as decimal(9, 2)
        ) as share_of_parent_pct,
        children.children_sum_yuan,
        children.children_sum_yuan = with_subject.total_yuan as children_match
    from with_subject
    inner join counties
        on with_subject.county_code = counties.county_code
    left join table_totals
        on with_subject.doc_id = table_totals.doc_id
    left join with_subject as parents
        on with_subject.doc_id = parents.doc_id
        and with_subject.parent_code = parents.function_subject_code
    left join children
        on with_subject.doc_id = children.doc_id
        and with_subject.function_subject_code = children.parent_code
)

select * from final
order by county_code, fiscal_year, subject_code
