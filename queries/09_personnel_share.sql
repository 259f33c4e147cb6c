-- 问题: 各县基本支出中人员经费和公用经费各占多少？机关运行经费是多少？
-- Question: What share of each county bureau's basic expenditure goes to personnel (人员经费) and
--     what share to public operating costs (公用经费), and how large is the agency operating cost?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     basic_expenditure_yuan / _status: 基本支出.
--     personnel_expenditure_yuan / _status: 人员经费 (wages, social contributions, pensions).
--     public_operating_expenditure_yuan / _status: 公用经费 (office, travel, utilities, vehicles).
--     agency_operating_cost_yuan / _status: 机关运行经费, essentially the 公用经费 of an
--         administrative unit.
--     personnel_share_pct: personnel ÷ basic × 100.
--     public_operating_share_pct: public operating ÷ basic × 100.
--     parts_match_basic: personnel + public operating = basic (NULL when a part is unknown).
--
-- Caveat: only documents that print the split of basic expenditure into 人员经费 and 公用经费 can
--     answer (look at personnel_expenditure_status and public_operating_expenditure_status); a
--     share is NULL where its part is not_reported, never 0. The year before a budget year has a
--     derived basic total but no split. parts_match_basic false is listed in 05_self_contradictions
--     (personnel_plus_public_vs_basic). Personnel includes retirees' pensions (303 对个人和家庭的补助) in
--     some counties, which makes small bureaus with many retirees look personnel-heavy.

with comparison as (
    select * from main.mart_county_year_comparison
),

final as (
    select
        county_code,
        county_name,
        fiscal_year,
        basic_expenditure_yuan,
        basic_expenditure_status,
        personnel_expenditure_yuan,
        personnel_expenditure_status,
        public_operating_expenditure_yuan,
        public_operating_expenditure_status,
        agency_operating_cost_yuan,
        agency_operating_cost_status,
        cast(
            100 * personnel_expenditure_yuan / nullif(basic_expenditure_yuan, 0)
            as decimal(9, 2)
        ) as personnel_share_pct,
        cast(
            100 * public_operating_expenditure_yuan / nullif(basic_expenditure_yuan, 0)
            as decimal(9, 2)
        ) as public_operating_share_pct,
        personnel_expenditure_yuan + public_operating_expenditure_yuan
        = basic_expenditure_yuan as parts_match_basic
    from comparison
)

select * from final
order by county_code, fiscal_year
