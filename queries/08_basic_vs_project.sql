-- 问题: 各县预算支出中基本支出与项目支出各占多少？基本支出加项目支出是否等于支出总额？
-- Question: How is each county's budgeted expenditure split between basic expenditure (keeping
--     the bureau running) and project expenditure (specific tasks), and do the parts add up?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     total_expenditure_yuan / _status: 支出总额 as the document gives it.
--     basic_expenditure_yuan / _status: 基本支出 (personnel + public operating costs).
--     project_expenditure_yuan / _status: 项目支出 (for a bureau mostly the county's subsidy to
--         the resident-insurance fund, medical assistance and grants passed down).
--     basic_share_pct, project_share_pct: each ÷ (basic + project) × 100, so that the two add
--         up to 100 even where the printed total is wrong.
--     basic_plus_project_yuan: basic + project.
--     parts_match_total: basic + project = the printed total (NULL when a part is unknown).
--
-- Caveat: a derived project expenditure is total − basic, so it matches by construction (read
--     the _status columns). parts_match_total false means the printed total and basic + project
--     disagree: both figures are in 05_self_contradictions (basic_plus_project_vs_total), and the
--     shares here use basic + project, not the printed total. A county-year whose totals are
--     not_reported may still print project tables (12_projects_by_category). The project share
--     depends on whether the county's insurance subsidy passes through the bureau's budget (see
--     subsidy_basis in 01_per_capita_subsidy), so it says little about efficiency.

with comparison as (
    select * from main.mart_county_year_comparison
),

final as (
    select
        county_code,
        county_name,
        fiscal_year,
        total_expenditure_yuan,
        total_expenditure_status,
        basic_expenditure_yuan,
        basic_expenditure_status,
        project_expenditure_yuan,
        project_expenditure_status,
        cast(
            100 * basic_expenditure_yuan
            / nullif(basic_expenditure_yuan + project_expenditure_yuan, 0) as decimal(9, 2)
        ) as basic_share_pct,
        cast(
            100 * project_expenditure_yuan
            / nullif(basic_expenditure_yuan + project_expenditure_yuan, 0) as decimal(9, 2)
        ) as project_share_pct,
        basic_expenditure_yuan + project_expenditure_yuan as basic_plus_project_yuan,
        basic_expenditure_yuan + project_expenditure_yuan
        = total_expenditure_yuan as parts_match_total
    from comparison
)

select * from final
order by county_code, fiscal_year
