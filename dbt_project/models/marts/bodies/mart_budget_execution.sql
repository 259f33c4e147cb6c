-- How each budget was executed: body × scope × year × measure, the budget (a 部门预算's
-- figure or a 部门决算's 年初预算数), the adjusted budget (调整预算数 / 全年预算数) and the
-- actual (决算数) side by side, with actual − budget and actual ÷ budget computed here, and
-- beside them the rate the document states (完成年初预算的98.20%) and the reason it gives.
-- Besides the measures of ref_measures, each function subject (function_<code>_yuan) whose
-- execution a 部门决算 states item by item, with the reason it gives for that subject: its
-- figures chosen among the sentence and the 一般公共预算财政拨款支出决算表 as every measure's are
-- (int_measure_candidates_unioned; a sentence that disagrees with the table is 'conflicting').
-- The county version is mart_county_budget_execution.
with body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

listed_measures as (
    select
        body_scope_id,
        fiscal_year,
        measure,
        body_id,
        scope,
        division_code,
        county_code,
        body_kind,
        measure_group,
        value,
        status,
        doc_id,
        phase
    from {{ ref('fct_body_measure') }}
    where value is not null
        and unit = 'yuan'
),

function_subjects as (
    select
        *,
        'budget' as phase
    from {{ ref('int_measures_reported') }}
    where starts_with(measure, 'function_')
    union all by name
    select * from {{ ref('int_measures_executed') }}
    where starts_with(measure, 'function_')
),

function_measures as (
    select
        function_subjects.body_scope_id,
        function_subjects.fiscal_year,
        function_subjects.measure,
        body_years.body_id,
        body_years.scope,
        body_years.division_code,
        body_years.county_code,
        body_years.body_kind,
        'function_subject' as measure_group,
        function_subjects.value,
        function_subjects.status,
        function_subjects.doc_id,
        function_subjects.phase
    from function_subjects
    inner join body_years
        on function_subjects.body_scope_id = body_years.body_scope_id
        and function_subjects.fiscal_year = body_years.fiscal_year
    where function_subjects.value is not null
),

measures as (
    select * from listed_measures
    union all
    select * from function_measures
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
