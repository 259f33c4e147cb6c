-- 问题: 按常住人口计算，各县每年的支出、“三公”经费和县级医保补助是多少？按不变价计算又是多少？在同省、同人口规模的县中排第几？
-- Question: Per resident and in constant prices, how much does each county's medical-insurance
--     bureau spend, on 三公 and on the county subsidy to resident insurance, and where does it
--     rank among counties of its province and population band?
--
-- Columns:
--     county_code, county_name, province_name, fiscal_year: the county (GB/T 2260) and the year.
--     population, population_year, population_source: the resident population divided by (the
--         census nearest the year, census_2010 or census_2020, or a user's annual series).
--     population_band: the peer group by population (ref_population_bands).
--     total_expenditure_nominal_yuan, total_expenditure_real_yuan: total expenditure in current
--         yuan (nominal) and in constant yuan of price_base_year (real, national CPI).
--     total_expenditure_per_resident_nominal_yuan, total_expenditure_per_resident_real_yuan:
--         the same per resident, nominal and real.
--     three_public_per_resident_nominal_yuan, three_public_per_resident_real_yuan: 三公 per
--         resident, nominal and real.
--     subsidy_per_resident_nominal_yuan, subsidy_per_resident_real_yuan: the county's subsidy to
--         the resident-insurance fund per resident (not per insured person), nominal and real.
--     enrollment_coverage: resident enrollment ÷ resident population (a ratio).
--     price_base_year, cpi_index: the year of the constant yuan, and the year's CPI (2020 = 100).
--     rank_in_province, peers_in_province, rank_in_population_band, peers_in_population_band:
--         rank by total expenditure per resident (1 = most) among counties of the group with the
--         figure that year, and how many there are.
--     population_null_reason, real_terms_null_reason: why a per-resident or real figure is NULL.
--
-- Caveat: the population is a census count, not the year's own: read population_year before
--     comparing years far from a census, and add an annual series (ref_population, kind annual)
--     when one is published. Real terms use the national CPI; provincial prices differ. Coverage
--     above one is possible (enrollment counts registered residents, the census those living
--     there). A rank is out of the peers with the figure that year, so check the peers column
--     before reading a rank as meaningful. County-years known only from other years' documents
--     are left out.

with comparison as (
    select * from main.mart_county_year_comparison
),

final as (
    select
        county_code,
        county_name,
        province_name,
        fiscal_year,
        population,
        population_year,
        population_source,
        population_band,
        total_expenditure_yuan as total_expenditure_nominal_yuan,
        total_expenditure_real_yuan,
        total_expenditure_per_resident as total_expenditure_per_resident_nominal_yuan,
        total_expenditure_per_resident_real_yuan,
        three_public_total_per_resident as three_public_per_resident_nominal_yuan,
        three_public_total_per_resident_real_yuan as three_public_per_resident_real_yuan,
        county_resident_subsidy_per_resident as subsidy_per_resident_nominal_yuan,
        county_resident_subsidy_per_resident_real_yuan as subsidy_per_resident_real_yuan,
        resident_enrollment_coverage as enrollment_coverage,
        price_base_year,
        cpi_index,
        per_resident_rank_in_province as rank_in_province,
        per_resident_peers_in_province as peers_in_province,
        per_resident_rank_in_population_band as rank_in_population_band,
        per_resident_peers_in_population_band as peers_in_population_band,
        population_null_reason,
        real_terms_null_reason
    from comparison
    where not is_known_only_from_other_years
)

select * from final
order by county_code, fiscal_year
