-- 问题: 项目绩效指标中有多少是可量化的（带数字），有多少是“明显提高”之类的模糊表述？
-- Question: How many performance indicators (绩效指标) carry a measurable number, and how many
--     are vague wording such as "明显提高" (clearly improved)?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     scope: project (项目支出绩效目标表) or unit (整体支出绩效目标表, whole bureau).
--     n_projects: performance-target tables of that scope.
--     n_indicators: indicators in them.
--     n_quantitative: indicators whose value carries a number ("≥84.4万人", "100%", "≤170万元").
--     n_vague: indicators with a value but no number ("明显提高", "及时", "全覆盖", a deadline
--         in words).
--     n_missing_value: indicators printed without any value.
--     quantitative_pct: n_quantitative ÷ n_indicators × 100.
--     commonest_vague_values: the most frequent vague values, with their counts.
--
-- Caveat: "quantitative" only means that a number is printed, not that the target is
--     ambitious or checkable ("≥0%" counts as quantitative; a date such as "3月31日前拨付"
--     does not). 威县's project tables are placeholders copied between projects, so its counts
--     say more about the form than about the projects.

with indicators as (
    select * from main.fct_indicator
),

counties as (
    select * from main.dim_county
),

vague_values as (
    select
        county_code,
        fiscal_year,
        scope,
        value_text,
        count(*) as n
    from indicators
    where not is_quantitative
        and not is_missing_value
    group by county_code, fiscal_year, scope, value_text
),

vague_ranked as (
    select
        *,
        row_number() over (
            partition by county_code, fiscal_year, scope order by n desc, value_text asc
        ) as rank_in_group
    from vague_values
),

commonest as (
    select
        county_code,
        fiscal_year,
        scope,
        string_agg(value_text || ' ×' || n, '; ' order by rank_in_group)
            as commonest_vague_values
    from vague_ranked
    where rank_in_group <= 3
    group by county_code, fiscal_year, scope
),

counts as (
    select
        county_code,
        fiscal_year,
        scope,
        count(distinct project_id) as n_projects,
        count(*) as n_indicators,
        count(*) filter (where is_quantitative) as n_quantitative,
        count(*) filter (where not is_quantitative and not is_missing_value) as n_vague,
        count(*) filter (where is_missing_value) as n_missing_value
    from indicators
    group by county_code, fiscal_year, scope
),

final as (
    select
        counts.county_code,
        counties.county_name,
        counts.fiscal_year,
        counts.scope,
        counts.n_projects,
        counts.n_indicators,
        counts.n_quantitative,
        counts.n_vague,
        counts.n_missing_value,
        cast(100 * counts.n_quantitative / counts.n_indicators as decimal(9, 2))
            as quantitative_pct,
        commonest.commonest_vague_values
    from counts
    inner join counties
        on counts.county_code = counties.county_code
    left join commonest
        on counts.county_code = commonest.county_code
        and counts.fiscal_year = commonest.fiscal_year
        and counts.scope = commonest.scope
)

select * from final
order by county_code, fiscal_year, scope
