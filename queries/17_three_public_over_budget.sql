-- 问题: 哪些单位的“三公”经费决算数超过了预算数？超出多少，决算说明给出什么原因？
-- Question: Which budgeting bodies spent more on the "three public expenses" (三公经费) than
--     they budgeted, by how much, and what reason does their final account give?
--
-- Columns:
--     body_id, body_name, division_code, fiscal_year: the body and the fiscal year (a 部门决算
--         counts for the year it accounts for, not the year it was published).
--     component: total, overseas, vehicle_total, vehicle_purchase, vehicle_operation, reception.
--     budget_yuan / budget_status: the 三公 budget: the 部门预算's figure or the 预算数 the 决算
--         prints beside the 决算数 (one fact; conflicting when the two documents disagree).
--     actual_yuan / actual_status: what was spent (决算数); NULL while no 部门决算 is ingested.
--     is_over_budget: actual > budget (the answer: true rows); NULL when no actual is known.
--     over_budget_yuan: actual − budget.
--     computed_rate_percent: actual ÷ budget × 100; stated_rate_percent: the rate the document
--         states (NULL when it states none).
--     stated_reason: the reason the 决算 gives for the difference, as printed.
--
-- Caveat: a body-year without final accounts has no actual: is_over_budget is NULL, never
--     false. A budget_status of conflicting means the 部门预算 and the 决算 print different
--     budgets: check both figures in mart_source_inconsistencies before reading the
--     difference. A component left blank in a table is a reported zero, never a missing figure.

with measures as (
    select * from main.fct_body_measure
    where measure_group = 'three_public'
        and value is not null
),

execution as (
    select * from main.mart_budget_execution
    where measure_group = 'three_public'
),

bodies as (
    select * from main.dim_body
),

budgets as (
    select * from measures
    where phase = 'budget'
),

final as (
    select
        budgets.body_id,
        bodies.body_name,
        budgets.division_code,
        budgets.fiscal_year,
        replace(replace(budgets.measure, 'three_public_', ''), '_yuan', '') as component,
        budgets.value as budget_yuan,
        budgets.status as budget_status,
        execution.actual_yuan,
        execution.actual_status,
        execution.actual_yuan > budgets.value as is_over_budget,
        execution.actual_minus_budget_yuan as over_budget_yuan,
        execution.computed_rate_percent,
        execution.stated_rate_percent,
        execution.stated_reason
    from budgets
    inner join bodies
        on budgets.body_id = bodies.body_id
    left join execution
        on budgets.body_scope_id = execution.body_scope_id
        and budgets.fiscal_year = execution.fiscal_year
        and budgets.measure = execution.measure
)

select * from final
order by
    is_over_budget desc nulls last,
    over_budget_yuan desc nulls last,
    body_id asc,
    fiscal_year asc,
    component asc
