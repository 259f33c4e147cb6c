-- 问题: 各县医疗保障局对城乡居民医保基金的补助，每年预算多少、调整后多少、实际支出多少？
-- Question: How was each county's subsidy to the resident medical-insurance fund executed
--     year by year: what was budgeted, what was the adjusted budget, and what was spent?
--
-- Columns:
--     county_code, fiscal_year: the county and the fiscal year (a 决算 counts for the year it
--         accounts for).
--     budget_yuan: the subsidy budgeted: the county's resident subsidy of the 部门预算
--         (county_resident_subsidy_yuan), else the 年初预算数 of function subject 2101202 the
--         决算 prints.
--     budget_basis: where budget_yuan comes from.
--     adjusted_yuan: the adjusted budget (调整预算数 / 全年预算数) of subject 2101202.
--     actual_yuan: what was spent (决算数) on subject 2101202.
--     actual_minus_budget_yuan: actual − budget.
--     computed_rate_percent: actual ÷ budget × 100.
--
-- Caveat: the budget may come from the county's own subsidy projects while the actual is the
--     whole function subject 2101202, which can include transfers from upper levels: compare
--     budget_basis before reading the rate. A year with no 部门决算 ingested has no actual
--     (NULL, not zero); a year with no budget document shows the 决算's 年初预算数 alone.

with measures as (
    select * from main.fct_county_measure
    where measure = 'county_resident_subsidy_yuan'
        and phase = 'budget'
        and value is not null
),

lines as (
    select * from main.fct_budget_line
    where function_subject_code = '2101202'
        and column_name = 'total'
        and table_kind in ('expenditure_summary', 'general_budget_expenditure')
        and county_code is not null
),

by_phase as (
    select
        county_code,
        fiscal_year,
        max(amount_yuan) filter (where phase = 'budget') as subject_budget_yuan,
        max(amount_yuan) filter (where phase = 'adjusted') as adjusted_yuan,
        max(amount_yuan) filter (where phase = 'actual') as actual_yuan
    from lines
    group by county_code, fiscal_year
),

county_years as (
    select
        county_code,
        fiscal_year
    from measures
    union
    select
        county_code,
        fiscal_year
    from by_phase
),

joined as (
    select
        county_years.county_code,
        county_years.fiscal_year,
        coalesce(measures.value, by_phase.subject_budget_yuan) as budget_yuan,
        case
            when measures.value is not null then 'county_resident_subsidy_yuan: ' || measures.basis
            when by_phase.subject_budget_yuan is not null
                then 'function subject 2101202, 年初预算数 of the 决算'
        end as budget_basis,
        by_phase.adjusted_yuan,
        by_phase.actual_yuan
    from county_years
    left join measures
        on county_years.county_code = measures.county_code
        and county_years.fiscal_year = measures.fiscal_year
    left join by_phase
        on county_years.county_code = by_phase.county_code
        and county_years.fiscal_year = by_phase.fiscal_year
),

final as (
    select
        *,
        actual_yuan - budget_yuan as actual_minus_budget_yuan,
        case
            when budget_yuan <> 0
                then cast(round(100 * actual_yuan / budget_yuan, 2) as decimal(9, 2))
        end as computed_rate_percent
    from joined
)

select * from final
order by county_code, fiscal_year
