-- 问题: 各县基本支出按经济分类科目（类/款）花在哪些方面？工资、社保缴费、办公费各占多少？
-- Question: On what is each county bureau's basic expenditure spent, by economic subject (经济
--     分类: 类 class / 款 section), e.g. wages, social-insurance contributions, office costs?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     level_zh, level: 类 (3-digit class) or 款 (5-digit section).
--     subject_code, subject_name: the economic subject (e.g. 30101 基本工资).
--     parent_code: the class of a section (NULL for a class).
--     total_yuan: the subject's amount in the 合计 column of the 基本支出表.
--     personnel_yuan, public_yuan: the amount in the 人员经费 and 公用经费 columns (NULL when
--         the cell is not printed).
--     share_of_basic_pct: total_yuan ÷ the table's 合计 × 100.
--     children_sum_yuan, children_match: for a class, the sum of its sections and whether it
--         equals the class total.
--
-- Caveat: only documents that print a 基本支出表 by economic subject appear (basic_expenditure in
--     standard_tables of 14_documents_coverage). Shares of a class and of its sections must not be
--     added up; children_match false means the class total and its sections disagree. 30231
--     公务用车运行维护费 here is a line of basic expenditure; it is one of the 三公 components but not the
--     whole of them.

with budget_lines as (
    select * from main.fct_budget_line
    where table_kind = 'basic_expenditure'
),

subjects as (
    select * from main.dim_economic_subject
),

counties as (
    select * from main.dim_county
),

table_totals as (
    select
        doc_id,
        amount_yuan as table_total_yuan
    from budget_lines
    where row_key = 'total'
        and column_name = 'total'
),

by_subject as (
    select
        doc_id,
        county_code,
        fiscal_year,
        economic_subject_code,
        max(amount_yuan) filter (where column_name = 'total') as total_yuan,
        max(amount_yuan) filter (where column_name = 'personnel') as personnel_yuan,
        max(amount_yuan) filter (where column_name = 'public') as public_yuan
    from budget_lines
    where subject_scheme = 'economic'
        and economic_subject_code is not null
    group by doc_id, county_code, fiscal_year, economic_subject_code
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
        on by_subject.economic_subject_code = subjects.economic_subject_code
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
        with_subject.economic_subject_code as subject_code,
        with_subject.subject_name,
        with_subject.parent_code,
        with_subject.total_yuan,
        with_subject.personnel_yuan,
        with_subject.public_yuan,
        cast(
            100 * with_subject.total_yuan / nullif(table_totals.table_total_yuan, 0)
            as decimal(9, 2)
        ) as share_of_basic_pct,
        children.children_sum_yuan,
        children.children_sum_yuan = with_subject.total_yuan as children_match
    from with_subject
    inner join counties
        on with_subject.county_code = counties.county_code
    left join table_totals
        on with_subject.doc_id = table_totals.doc_id
    left join children
        on with_subject.doc_id = children.doc_id
        and with_subject.economic_subject_code = children.parent_code
)

select * from final
order by county_code, fiscal_year, subject_code
