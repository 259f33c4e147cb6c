-- 问题: 哪些县的哪些指标同比变化最大？上年数来自哪里？
-- Question: Which county figures changed the most from one year to the next, and where does
--     the prior year's figure come from?
--
-- Columns:
--     change_rank: 1 = largest relative change (ties broken by the absolute change).
--     county_code, county_name, measure, unit: the figure (yuan, persons, yuan_per_person).
--     fiscal_year, value, status: this year's figure.
--     prior_year, prior_value, prior_status: the earlier figure it is compared with.
--     years_apart: years between the two (a change over several years is not "year over year").
--     abs_change: value − prior_value, in the unit.
--     pct_change: abs_change ÷ prior_value × 100 (NULL when the prior value is 0).
--     prior_source: document (both years were ingested) or stated_change (the prior value comes
--         from this year's document saying "较上年增加/减少…").
--     prior_basis: the arithmetic or source of the prior figure.
--
-- Caveat: prior_source says where the earlier figure comes from: stated_change means it is
--     derived from this year's document ("较上年增加/减少…"), so the change is the county's own account of
--     itself, not two independent documents; document means both years were read. Read years_apart
--     before calling a change "year over year", and for enrollment check in 02_enrollment_trend
--     that both years count the same kind (enrolled, projected, …). Changes from 0 have no
--     percentage and are ranked last.

with yoy as (
    select * from main.mart_yoy_change
),

counties as (
    select * from main.dim_county
),

final as (
    select
        row_number() over (
            order by
                abs(yoy.pct_change) desc nulls last,
                abs(yoy.abs_change) desc,
                yoy.yoy_id asc
        ) as change_rank,
        yoy.county_code,
        counties.county_name,
        yoy.measure,
        yoy.unit,
        yoy.fiscal_year,
        yoy.value,
        yoy.status,
        yoy.prior_year,
        yoy.prior_value,
        yoy.prior_status,
        yoy.years_apart,
        yoy.abs_change,
        yoy.pct_change,
        yoy.prior_source,
        yoy.prior_basis
    from yoy
    inner join counties
        on yoy.county_code = counties.county_code
)

select * from final
order by change_rank
