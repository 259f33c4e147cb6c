-- 问题: 哪些单位的“三公”经费决算数超过了预算数？超出多少，决算说明给出什么原因？
-- Question: Which budgeting bodies spent more on the "three public expenses" (三公经费) than
--     they budgeted, by how much, and what reason does their final account give?
--
-- Columns:
--     body_id, body_name, division_code, fiscal_year: the body and the fiscal year its 部门决算
--         accounts for (not the year it was published).
--     component: total, overseas, vehicle_total, vehicle_purchase, vehicle_operation, reception.
--     budget_yuan / budget_status: the 三公 budget: the 预算数 the 决算 prints beside the 决算数,
--         or the 部门预算's figure (one fact; conflicting when the two documents disagree).
--     actual_yuan / actual_status: what was spent (决算数).
--     over_budget_yuan: actual − budget; every row here is above zero.
--     computed_rate_percent: actual ÷ budget × 100; stated_rate_percent: the rate the document
--         states (NULL when it states none).
--     stated_reason: the reason the 决算 gives for the difference, as printed.
--
-- Caveat: only bodies whose final accounts were ingested appear; a body that spent its 三公
--     money within budget, or whose 决算 prints no 预算数, is not listed. A budget_status of
--     conflicting means the 部门预算 and the 决算 print different budgets: check both figures in
--     mart_source_inconsistencies before reading the difference. A component blank in the table
--     is a reported zero, never a missing figure.

with execution as (
    select * from main.mart_budget_execution
    where measure_group = 'three_public'
),

bodies as (
    select * from main.dim_body
),

final as (
    select
        execution.body_id,
        bodies.body_name,
        execution.division_code,
        execution.fiscal_year,
        replace(replace(execution.measure, 'three_public_', ''), '_yuan', '') as component,
        execution.budget_yuan,
        execution.budget_status,
        execution.actual_yuan,
        execution.actual_status,
        execution.actual_minus_budget_yuan as over_budget_yuan,
        execution.computed_rate_percent,
        execution.stated_rate_percent,
        execution.stated_reason
    from execution
    inner join bodies
        on execution.body_id = bodies.body_id
    where execution.actual_yuan > execution.budget_yuan
)

select * from final
order by over_budget_yuan desc, body_id, fiscal_year, component
