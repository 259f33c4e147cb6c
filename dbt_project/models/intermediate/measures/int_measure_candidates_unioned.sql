{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    post_hook="{{ delete_bodies_not_current() }}"
) }}
-- Every figure a primary document gives for a body-year measure, wherever it is printed: the
-- standard tables (the budget year's columns, and last year's columns such as 上年预算数 for
-- last year), the 三公 table or prose, the asset table, sentences.  One measure may have
-- several candidates; int_measures_reported chooses and flags disagreement.  Besides the
-- measures of ref_measures, function_<code>_yuan where a 部门决算 states a function subject's
-- execution in words (below).  A figure a
-- document restates for another year than its own (is_restated) counts only where no
-- document of that year gives one; where one does, a disagreement is an inconsistency
-- (int_restated_figures_checked).
-- Incremental by body (macros/incremental_bodies.sql): only the body-scopes whose documents
-- changed are computed.
with bodies as (
    {{ bodies_to_compute() }}
),

documents as (
    -- every document of the body-year states figures (a workbook of 公开表 and the Word 说明
    -- beside it combine); budget-table lines come from the primary one (int_budget_lines_counted)
    select * from {{ ref('int_documents_ranked') }}
    where body_scope_id in (select bodies.body_scope_id from bodies)
),

budget_lines as (
    select * from {{ ref('int_budget_lines_counted') }}
    where body_scope_id in (select bodies.body_scope_id from bodies)
),

row_measures as (
    select * from {{ ref('ref_budget_row_measures') }}
),

measures as (
    select * from {{ ref('ref_measures') }}
),

three_public as (
    select * from {{ ref('stg_raw__three_public') }}
),

narrative_facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
),

assets as (
    select * from {{ ref('stg_raw__assets') }}
),

from_tables as (
    select
        budget_lines.body_scope_id,
        coalesce(budget_lines.column_year, budget_lines.fiscal_year) as fiscal_year,
        budget_lines.fiscal_year as document_year,
        row_measures.measure,
        budget_lines.amount_yuan as value,
        budget_lines.precision_yuan,
        'table' as source_kind,
        row_measures.source_rank,
        budget_lines.doc_id,
        budget_lines.page,
        budget_lines.line,
        budget_lines.snippet,
        budget_lines.table_title || ' / ' || budget_lines.row_label || ' / '
        || budget_lines.column_name as basis,
        budget_lines.budget_line_id,
        budget_lines.phase
    from budget_lines
    inner join row_measures
        on budget_lines.table_kind = row_measures.table_kind
        and budget_lines.row_key = row_measures.row_key
        -- the budget year's column, or the same column of last year (上年预算数)
        and budget_lines.column_name in (
            row_measures.column_name,
            case row_measures.column_name
                when 'total' then 'prior_year'
                else 'prior_year_' || row_measures.column_name
            end
        )
),

from_three_public as (
    select
        documents.body_scope_id,
        three_public.fiscal_year,
        documents.fiscal_year as document_year,
        measures.measure,
        three_public.amount_yuan as value,
        three_public.precision_yuan,
        three_public.source_kind,
        case three_public.source_kind when 'table' then 1 else 3 end as source_rank,
        three_public.doc_id,
        three_public.page,
        three_public.line,
        three_public.snippet,
        '三公 ' || three_public.source_kind || ' (' || three_public.reported_as || ')' as basis,
        cast(null as varchar) as budget_line_id,
        three_public.phase
    from three_public
    inner join documents
        on three_public.doc_id = documents.doc_id
    inner join measures
        on 'three_public_' || three_public.component || '_yuan' = measures.measure
),

-- a stated level of a measure of the list (enrollment and per-person standards of a project
-- have their own models), or of a function subject whose execution a 部门决算 states item by
-- item ("1、…（类）…（款）…（项）。年初预算为X万元，支出决算为Y万元", the code resolved from the
-- document's own tables at ingest: fact_key function_<code>)
from_narrative as (
    select
        documents.body_scope_id,
        narrative_facts.fact_year as fiscal_year,
        documents.fiscal_year as document_year,
        coalesce(measures.measure, narrative_facts.fact_key || '_yuan') as measure,
        narrative_facts.value,
        narrative_facts.precision_yuan,
        'narrative' as source_kind,
        3 as source_rank,
        narrative_facts.doc_id,
        narrative_facts.page,
        narrative_facts.line,
        narrative_facts.sentence as snippet,
        'stated in ' || narrative_facts.source_kind as basis,
        cast(null as varchar) as budget_line_id,
        narrative_facts.phase
    from narrative_facts
    inner join documents
        on narrative_facts.doc_id = documents.doc_id
    left join measures
        on case narrative_facts.value_unit
            when 'yuan' then narrative_facts.fact_key || '_yuan'
            else narrative_facts.fact_key
        end = measures.measure
    where narrative_facts.fact_kind = 'level'
        and (
            measures.measure is not null
            or (
                starts_with(narrative_facts.fact_key, 'function_')
                and narrative_facts.value_unit = 'yuan'
            )
        )
),

-- the function subjects those sentences speak of: their lines of the
-- 一般公共预算财政拨款支出决算表 (the table the items account for) are candidates of the same
-- measure, function_<code>_yuan, chosen and proven like every other; the table lines of
-- subjects no sentence speaks of stay in fct_budget_line only
function_statements as (
    select distinct
        body_scope_id,
        fiscal_year,
        measure
    from from_narrative
    where starts_with(measure, 'function_')
),

from_function_tables as (
    select
        budget_lines.body_scope_id,
        coalesce(budget_lines.column_year, budget_lines.fiscal_year) as fiscal_year,
        budget_lines.fiscal_year as document_year,
        function_statements.measure,
        budget_lines.amount_yuan as value,
        budget_lines.precision_yuan,
        'table' as source_kind,
        1 as source_rank,
        budget_lines.doc_id,
        budget_lines.page,
        budget_lines.line,
        budget_lines.snippet,
        budget_lines.table_title || ' / ' || budget_lines.row_label || ' / '
        || budget_lines.column_name as basis,
        budget_lines.budget_line_id,
        budget_lines.phase
    from budget_lines
    inner join function_statements
        on budget_lines.body_scope_id = function_statements.body_scope_id
        and coalesce(budget_lines.column_year, budget_lines.fiscal_year)
        = function_statements.fiscal_year
        and 'function_' || budget_lines.subject_code || '_yuan' = function_statements.measure
    where budget_lines.table_kind = 'general_budget_expenditure'
        and budget_lines.subject_scheme = 'function'
        and budget_lines.column_name = 'total'
),

from_assets as (
    select
        documents.body_scope_id,
        assets.as_of_year as fiscal_year,
        documents.fiscal_year as document_year,
        'fixed_assets_yuan' as measure,
        assets.value_yuan as value,
        cast(0.005 as decimal(18, 4)) as precision_yuan,
        'table' as source_kind,
        1 as source_rank,
        assets.doc_id,
        assets.page,
        assets.line,
        assets.snippet,
        'fixed-asset table, 资产总额 at ' || coalesce(cast(assets.as_of_date as varchar), '?')
            as basis,
        cast(null as varchar) as budget_line_id,
        case documents.document_kind when 'final' then 'actual' else 'budget' end as phase
    from assets
    inner join documents
        on assets.doc_id = documents.doc_id
    where assets.category = 'total'
        and assets.value_yuan is not null
),

unioned as (
    select * from from_tables
    union all
    select * from from_three_public
    union all
    select * from from_narrative
    union all
    select * from from_assets
    union all
    select * from from_function_tables
),

given as (
    select
        *,
        fiscal_year <> document_year as is_restated
    from unioned
    where value is not null
),

final as (
    select
        body_scope_id || '-' || fiscal_year || '-' || measure || '-' || doc_id || '-'
        || source_kind || '-' || coalesce(page, 0) || '-' || line || '-'
        || row_number() over (
            partition by body_scope_id, fiscal_year, measure, doc_id, source_kind, page, line
            order by phase, basis, value, snippet
        ) as candidate_id,
        *,
        case when value = 0 then 'reported_zero' else 'reported' end as status,
        -- a restated figure stands in only where no document of the year gives one
        not is_restated
        or not bool_or(not is_restated) over (
            partition by body_scope_id, fiscal_year, measure, phase
        ) as is_usable
    from given
)

select
    final.*,
    bodies.body_state
from final
inner join bodies
    on final.body_scope_id = bodies.body_scope_id
