-- One row per project of the primary documents: its money in yuan and how it was known
-- ('stated' 预算数, or 'cost_indicator' when only a 成本指标 cap such as ≤2445万元 is printed).
with projects as (
    select * from {{ ref('int_projects_categorised') }}
    where is_primary
),

indicators as (
    select
        project_id,
        count(*) as n_indicators,
        count(*) filter (where is_quantitative) as n_quantitative_indicators
    from {{ ref('stg_raw__indicators') }}
    group by project_id
),

final as (
    select
        projects.project_id,
        projects.doc_id,
        projects.body_id,
        projects.body_scope_id,
        projects.division_code,
        projects.county_code,
        projects.fiscal_year,
        projects.scope,
        projects.project_code,
        projects.project_name,
        projects.category,
        projects.amount_source,
        projects.amount_text,
        projects.money_unit,
        projects.amount_yuan,
        projects.fiscal_amount_yuan,
        projects.amount_basis,
        coalesce(indicators.n_indicators, 0) as n_indicators,
        coalesce(indicators.n_quantitative_indicators, 0) as n_quantitative_indicators,
        projects.page,
        projects.line,
        projects.snippet
    from projects
    left join indicators
        on projects.project_id = indicators.project_id
)

select * from final
