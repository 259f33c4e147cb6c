-- 问题: 各县各年“三公”经费总额及其构成是多少？占基本支出的比例是多少？
-- Question: How much does each county budget for the "three public expenses" (三公经费) per
--     year, split into its components, and what share of basic expenditure is that?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county and year.
--     three_public_total_yuan / _status: the 三公 total (yuan) and its status.
--     overseas_yuan / _status: 因公出国（境）费, official travel abroad.
--     vehicle_purchase_yuan / _status: 公务用车购置费, buying official vehicles.
--     vehicle_operation_yuan / _status: 公务用车运行维护费, running official vehicles.
--     reception_yuan / _status: 公务接待费, official receptions.
--     components_sum_yuan: the four components added up (NULL unless all four are known).
--     components_match_total: components_sum_yuan = the total (NULL when it cannot be checked).
--     basic_expenditure_yuan / _status: 基本支出, the denominator of the share.
--     share_of_basic_pct: 三公 total ÷ basic expenditure × 100 (NULL when either is unknown).
--
-- Caveat: statuses matter here. reported_zero (an empty table 空表列示, "0万元") is a real zero;
--     not_reported means the document is silent and the value stays NULL: a county-year whose total
--     and components are all not_reported printed no 三公 figures at all, which says nothing about
--     what it spent. derived means computed from printed figures, e.g. for the year before a budget
--     year from a stated change ("较上年减少…"), whose basic expenditure is derived the same way.
--     components_match_total false is listed in 05_self_contradictions
--     (three_public_components_vs_total). 会议费 and 培训费 are never counted as 三公.

with comparison as (
    select * from main.mart_county_year_comparison
),

final as (
    select
        county_code,
        county_name,
        fiscal_year,
        three_public_total_yuan,
        three_public_total_status,
        three_public_overseas_yuan as overseas_yuan,
        three_public_overseas_status as overseas_status,
        three_public_vehicle_purchase_yuan as vehicle_purchase_yuan,
        three_public_vehicle_purchase_status as vehicle_purchase_status,
        three_public_vehicle_operation_yuan as vehicle_operation_yuan,
        three_public_vehicle_operation_status as vehicle_operation_status,
        three_public_reception_yuan as reception_yuan,
        three_public_reception_status as reception_status,
        three_public_overseas_yuan
        + three_public_vehicle_purchase_yuan
        + three_public_vehicle_operation_yuan
        + three_public_reception_yuan as components_sum_yuan,
        components_sum_yuan = three_public_total_yuan as components_match_total,
        basic_expenditure_yuan,
        basic_expenditure_status,
        cast(
            100 * three_public_total_yuan / nullif(basic_expenditure_yuan, 0) as decimal(9, 2)
        ) as share_of_basic_pct
    from comparison
)

select * from final
order by county_code, fiscal_year
