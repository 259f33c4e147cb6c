-- 问题: 各县的预算项目按用途分类各有多少个、多少钱？占项目支出的比例是多少？
-- Question: What are each county's budget projects for: how many projects and how much money
--     per category, and what share of project expenditure is that?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     category: what the projects are for, from their names (county_resident_subsidy 县级配套,
--         medical_assistance 医疗救助, long_term_care 长期护理, fund_supervision 基金监管,
--         service_capacity 能力建设/信息化, cadre_medical 公费医疗, staff_and_operations
--         人员与运转, other; whole_unit = 整体支出绩效目标表).
--     n_projects: performance-target tables in the category.
--     n_with_amount: of them, how many print an amount.
--     amount_yuan: sum of the printed amounts (NULL when none is printed, never 0).
--     amount_bases: how the amounts are known: stated (预算数 printed) or cost_indicator (only a
--         成本指标 cap such as ≤2445万元).
--     project_expenditure_yuan / _status: the county-year's 项目支出, for comparison.
--     share_of_project_expenditure_pct: amount ÷ project expenditure × 100.
--     projects: the project names with their amounts.
--
-- Caveat: the categories come from name patterns (seed ref_project_categories) and miss some:
--     names ending in 经费 (such as 医疗救助经费) are kept out of medical_assistance and land in other, so
--     read projects of the category other before concluding. n_with_amount = 0 means the project
--     tables print no amounts, not that the projects cost nothing (amount_yuan stays NULL). Project
--     tables need not cover all project expenditure, and cost caps are upper bounds, so shares may
--     exceed or fall short of 100 in total.

with projects as (
    select * from main.fct_project
),

comparison as (
    select * from main.mart_county_year_comparison
),

counties as (
    select * from main.dim_county
),

by_category as (
    select
        county_code,
        fiscal_year,
        category,
        count(*) as n_projects,
        count(amount_yuan) as n_with_amount,
        sum(amount_yuan) as amount_yuan,
        string_agg(distinct amount_basis, ', ' order by amount_basis) as amount_bases,
        string_agg(
            coalesce(project_name, '(whole unit)') || ' '
            || coalesce(cast(amount_yuan as varchar), 'amount not printed'),
            '; ' order by project_id
        ) as projects
    from projects
    group by county_code, fiscal_year, category
),

final as (
    select
        by_category.county_code,
        counties.county_name,
        by_category.fiscal_year,
        by_category.category,
        by_category.n_projects,
        by_category.n_with_amount,
        by_category.amount_yuan,
        by_category.amount_bases,
        comparison.project_expenditure_yuan,
        comparison.project_expenditure_status,
        cast(
            100 * by_category.amount_yuan / nullif(comparison.project_expenditure_yuan, 0)
            as decimal(9, 2)
        ) as share_of_project_expenditure_pct,
        by_category.projects
    from by_category
    inner join counties
        on by_category.county_code = counties.county_code
    left join comparison
        on by_category.county_code = comparison.county_code
        and by_category.fiscal_year = comparison.fiscal_year
)

select * from final
order by county_code asc, fiscal_year asc, amount_yuan desc nulls last, category asc
