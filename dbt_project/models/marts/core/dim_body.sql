-- Budgeting bodies (预算单位/部门): one row per body series, which keeps its key across a
-- re-coding of its division (崇明县医疗保障局 and 崇明区医疗保障局 are one body).
with documents as (
    select * from {{ ref('int_documents_ranked') }}
),

divisions as (
    select * from {{ ref('dim_division') }}
),

bodies as (
    select
        body_id,
        division_key,
        body_stem,
        arg_max(body_name, fiscal_year) as body_name,
        arg_max(body_kind, fiscal_year) as body_kind,
        bool_or(is_medical_insurance) as is_medical_insurance,
        arg_max(division_code, fiscal_year) as latest_division_code,
        arg_max(division_level, fiscal_year) as division_level,
        min(fiscal_year) as first_year,
        max(fiscal_year) as last_year,
        count(*) as n_documents,
        count(distinct scope) as n_scopes
    from documents
    group by body_id, division_key, body_stem
),

final as (
    select
        bodies.body_id,
        bodies.body_name,
        bodies.body_stem,
        bodies.body_kind,
        bodies.is_medical_insurance,
        bodies.division_key,
        bodies.latest_division_code,
        divisions.division_name as latest_division_name,
        bodies.division_level,
        divisions.prefecture_name,
        divisions.province_name,
        bodies.first_year,
        bodies.last_year,
        bodies.n_documents,
        bodies.n_scopes
    from bodies
    left join divisions
        on bodies.latest_division_code = divisions.division_code
        and divisions.is_latest_record
)

select * from final
