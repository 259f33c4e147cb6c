-- The county medical-insurance bureau whose figures stand for a county-year in the county
-- marts: a county-level medical-insurance body, in the scope that feeds comparisons (the
-- 部门预算 when there is one).  Should a county have two such bodies (医疗保障局 and a
-- 医疗保障事务中心), the 医疗保障局 stands for it.
with body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
    where is_medical_insurance
        and division_level = 'county'
        and is_default_scope
),

final as (
    select
        county_code || '-' || fiscal_year as county_year_id,
        county_code,
        division_key,
        fiscal_year,
        division_name as county_name,
        prefecture_name,
        province_name,
        predecessor_codes,
        body_scope_id,
        body_id,
        scope
    from body_years
    qualify row_number() over (
            partition by county_code, fiscal_year
            order by body_id like '%医疗保障局' desc, body_id
        ) = 1
)

select * from final
