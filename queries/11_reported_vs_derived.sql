-- 问题: 每个县-年份的数字中，有多少是文件直接公布的，多少是推算的、相互矛盾的或未公布的？
-- Question: For each county-year, how many figures are printed in the document, how many are
--     derived by arithmetic, how many conflict, and how many are simply not reported?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year.
--     has_own_document: false when the year is known only from another year's document (stated
--         changes "较上年…", last year's enrollment).
--     n_measures: measures listed for the county-year in fct_county_measure.
--     n_reported, n_reported_zero, n_derived, n_conflicting, n_not_reported: measures by status
--         (reported = printed; reported_zero = printed as zero / empty table; derived = computed
--         from printed figures; conflicting = the document gives two figures; not_reported = NULL).
--     pct_with_value: measures with a value ÷ n_measures × 100.
--     derived_measures: the derived measures, each with the arithmetic behind it.
--     conflicting_measures: the measures with two figures in the document.
--
-- Caveat: the core measures (totals, structure, 三公, enrollment, subsidy) are listed for every
--     county-year, reported or not; the optional ones (fixed assets, medical assistance,
--     per-person premium standards) only where a document gives them, so n_not_reported counts
--     only missing core measures. A "derived" figure is as good as the sentence it comes from.

with measures as (
    select * from main.fct_county_measure
    where phase = 'budget'
),

comparison as (
    select * from main.mart_county_year_comparison
),

by_county_year as (
    select
        county_code,
        fiscal_year,
        count(*) as n_measures,
        count(*) filter (where status = 'reported') as n_reported,
        count(*) filter (where status = 'reported_zero') as n_reported_zero,
        count(*) filter (where status = 'derived') as n_derived,
        count(*) filter (where status = 'conflicting') as n_conflicting,
        count(*) filter (where status = 'not_reported') as n_not_reported,
        count(value) as n_with_value,
        string_agg(measure || ' = ' || basis, '; ' order by measure)
        filter (where status = 'derived') as derived_measures,
        string_agg(measure, '; ' order by measure)
        filter (where status = 'conflicting') as conflicting_measures
    from measures
    group by county_code, fiscal_year
),

final as (
    select
        comparison.county_code,
        comparison.county_name,
        comparison.fiscal_year,
        not comparison.is_known_only_from_other_years as has_own_document,
        by_county_year.n_measures,
        by_county_year.n_reported,
        by_county_year.n_reported_zero,
        by_county_year.n_derived,
        by_county_year.n_conflicting,
        by_county_year.n_not_reported,
        cast(
            100 * by_county_year.n_with_value / by_county_year.n_measures as decimal(9, 2)
        ) as pct_with_value,
        by_county_year.derived_measures,
        by_county_year.conflicting_measures
    from comparison
    inner join by_county_year
        on comparison.county_code = by_county_year.county_code
        and comparison.fiscal_year = by_county_year.fiscal_year
)

select * from final
order by county_code, fiscal_year
