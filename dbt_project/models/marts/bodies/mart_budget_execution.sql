-- How each budget was executed: body × scope × year × measure, the budget (a 部门预算's
-- figure or a 部门决算's 年初预算数), the adjusted budget (调整预算数 / 全年预算数) and the
-- actual (决算数) side by side, with actual − budget and actual ÷ budget computed here, and
-- beside them the rate the document states (完成年初预算的98.20%) and the reason it gives.
-- The county version is mart_county_budget_execution.
with measures as (
    select * from {{ ref('fct_body_measure') }}
    where value is not null
        and unit = 'yuan'
),

pivoted as (
    select
        body_scope_id,
        fiscal_year,
        measure,
        any_value(body_id) as body_id,
        any_value(scope) as scope,
        any_value(division_code) as division_code,
        any_value(county_code) as county_code,
        any_value(body_kind) as body_kind,
        any_value(measure_group) as measure_group,
        max(value) filter (where phase = 'budget') as budget_yuan,
        max(status) filter (where phase = 'budget') as budget_status,
        max(doc_id) filter (where phase = 'budget') as budget_doc_id,
        max(value) filter (where phase = 'adjusted') as adjusted_yuan,
        max(status) filter (where phase = 'adjusted') as adjusted_status,
        max(value) filter (where phase = 'actual') as actual_yuan,
        max(status) filter (where phase = 'actual') as actual_status,
        max(doc_id) filter (where phase = 'actual') as actual_doc_id
    from measures
    group by body_scope_id, fiscal_year, measure
),

statements as (
    select * from {{ ref('int_execution_statements_chosen') }}
),

final as (
    select
        pivoted.body_scope_id || '-' || pivoted.fiscal_year || '-' || pivoted.measure
            as budget_execution_id,
        pivoted.*,
        pivoted.actual_yuan - pivoted.budget_yuan as actual_minus_budget_yuan,
        case
            when pivoted.budget_yuan <> 0
                then cast(pivoted.actual_yuan / pivoted.budget_yuan as decimal(18, 4))
        end as actual_over_budget,
        case
            when pivoted.budget_yuan <> 0
                then cast(
                        round(100 * pivoted.actual_yuan / pivoted.budget_yuan, 2) as decimal(9, 2)
                    )
        end as computed_rate_percent,
        statements.stated_rate_percent,
        statements.stated_reason
    from pivoted
    left join statements
        on pivoted.body_scope_id = statements.body_scope_id
        and pivoted.fiscal_year = statements.fiscal_year
        and pivoted.measure = statements.measure
    where pivoted.actual_yuan is not null
)

select * from final
