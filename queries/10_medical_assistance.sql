-- 问题: 各县医疗救助资金有多少？占支出总额多少？来自预算科目还是项目表？
-- Question: How much medical-assistance money (医疗救助) does each county budget, what share of
--     total expenditure is it, and is it read from the budget subject or from project tables?
--
-- Columns:
--     county_code, county_name, fiscal_year: county-years that have a document of their own.
--     medical_assistance_yuan: the medical-assistance money (yuan).
--     medical_assistance_status: reported, or not_reported when no document gives it.
--     basis: function subject 21013 医疗救助, else the projects counted.
--     total_expenditure_yuan / _status: the bureau's total expenditure.
--     share_of_total_pct: medical assistance ÷ total expenditure × 100.
--     other_projects_naming_assistance: projects whose name mentions 救助 but that are not
--         counted as medical assistance (e.g. operating funds "医疗救助经费"), with amounts.
--
-- Caveat: medical assistance usually reaches people through the civil-affairs system and
--     upper-level transfers; what a bureau budgets is only part of it. share_of_total_pct is NULL
--     where total_expenditure_status is not_reported, even if project tables give an amount. A
--     project amount known only from a cost cap (≤…万元; amount_bases cost_indicator in
--     12_projects_by_category) is an upper bound. Which projects count is decided by their names
--     (ref_project_categories); check other_projects_naming_assistance before comparing.

with comparison as (
    select * from main.mart_county_year_comparison
),

measures as (
    select * from main.fct_county_measure
    where phase = 'budget'
        and measure = 'medical_assistance_yuan'
),

projects as (
    select * from main.fct_project
),

other_assistance_projects as (
    select
        county_code,
        fiscal_year,
        string_agg(
            project_name || ' ' || coalesce(cast(amount_yuan as varchar), 'amount not printed'),
            '; ' order by project_id
        ) as other_projects_naming_assistance
    from projects
    where project_name like '%救助%'
        and category <> 'medical_assistance'
    group by county_code, fiscal_year
),

final as (
    select
        comparison.county_code,
        comparison.county_name,
        comparison.fiscal_year,
        comparison.medical_assistance_yuan,
        -- fct_county_measure has no row when no document gives the figure
        coalesce(measures.status, 'not_reported') as medical_assistance_status,
        measures.basis,
        comparison.total_expenditure_yuan,
        comparison.total_expenditure_status,
        cast(
            100 * comparison.medical_assistance_yuan
            / nullif(comparison.total_expenditure_yuan, 0) as decimal(9, 2)
        ) as share_of_total_pct,
        other_assistance_projects.other_projects_naming_assistance
    from comparison
    left join measures
        on comparison.county_code = measures.county_code
        and comparison.fiscal_year = measures.fiscal_year
    left join other_assistance_projects
        on comparison.county_code = other_assistance_projects.county_code
        and comparison.fiscal_year = other_assistance_projects.fiscal_year
    where not comparison.is_known_only_from_other_years
)

select * from final
order by county_code, fiscal_year
