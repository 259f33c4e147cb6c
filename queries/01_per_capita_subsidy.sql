-- 问题: 各县各年县级财政对城乡居民医保的人均补助是多少？按参保人数计算的数值与文件所述的人均标准是否一致？
-- Question: What is each county's per-capita subsidy to the urban-rural resident medical
--     insurance fund, by year, computed from enrollment and as the document states it?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county (GB/T 2260) and the budget year.
--     subsidy_yuan, subsidy_status: the county's subsidy to the resident-insurance fund (yuan).
--     subsidy_basis: which projects or function subject the subsidy was read from.
--     enrollment_persons, enrollment_year, enrollment_kind: the resident enrollment used as the
--         denominator, its year (the same year, else the nearest earlier one) and its kind
--         (enrolled 参保, contributors 征缴, beneficiaries 受益, projected 预计).
--     enrollment_is_conflicting: true when the document states that count twice with different
--         values (see 05_self_contradictions); the value used is the preferred source's.
--     per_capita_computed, per_capita_computed_status: subsidy ÷ enrollment, yuan per person.
--     per_capita_stated, per_capita_stated_status: the per-person standard the document states.
--     computed_minus_stated: difference of the two (NULL unless both exist).
--     null_reason: why the computed figure is missing.
--
-- Caveat: the denominator may differ in kind and year between rows: compare per-capita figures
--     only where enrollment_kind is the same, and read enrollment_year before taking a figure as
--     that year's (an earlier year's count is used when the budget year has none). When
--     enrollment_is_conflicting is true, look up both counts in 05_self_contradictions before using
--     the computed figure. subsidy_basis says where the subsidy was read: a function subject
--     (2101202) may include transfers from upper levels, a list of projects covers only the
--     projects listed. A computed_minus_stated far from 0 means the document's standard and its
--     budget lines disagree; a NULL computed figure has its reason in null_reason. County-years
--     known only from other years' documents are left out.

with comparison as (
    select * from main.mart_county_year_comparison
),

enrollment as (
    select * from main.fct_enrollment
    where scheme = 'resident'
),

final as (
    select
        comparison.county_code,
        comparison.county_name,
        comparison.fiscal_year,
        comparison.county_resident_subsidy_yuan as subsidy_yuan,
        comparison.county_resident_subsidy_status as subsidy_status,
        comparison.county_resident_subsidy_basis as subsidy_basis,
        comparison.per_capita_enrollment_persons as enrollment_persons,
        comparison.per_capita_enrollment_year as enrollment_year,
        comparison.per_capita_enrollment_kind as enrollment_kind,
        enrollment.is_conflicting as enrollment_is_conflicting,
        comparison.county_resident_subsidy_per_person_computed as per_capita_computed,
        comparison.county_resident_subsidy_per_person_computed_status as per_capita_computed_status,
        comparison.county_resident_subsidy_per_person_stated as per_capita_stated,
        comparison.county_resident_subsidy_per_person_stated_status as per_capita_stated_status,
        comparison.county_resident_subsidy_per_person_computed
        - comparison.county_resident_subsidy_per_person_stated as computed_minus_stated,
        comparison.per_capita_null_reason as null_reason
    from comparison
    left join enrollment
        on comparison.county_code = enrollment.county_code
        and comparison.per_capita_enrollment_year = enrollment.fiscal_year
        and comparison.per_capita_enrollment_kind = enrollment.enrollment_kind
    where not comparison.is_known_only_from_other_years
)

select * from final
order by county_code, fiscal_year
