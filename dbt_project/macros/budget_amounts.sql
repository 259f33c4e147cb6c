{#- Body-year amounts read two ways, shared by the subsidy and medical-assistance models. -#}

{#- The total-column amount of one function subject in the expenditure tables. -#}
{% macro function_subject_amount(subject_code, basis) %}
    select
        body_scope_id,
        fiscal_year,
        max(amount_yuan) as amount_yuan,
        min(doc_id) as doc_id,
        min(line) as line,
        {{ basis }} as basis
    from {{ ref('int_budget_lines_counted') }} as budget_lines
    where subject_code = '{{ subject_code }}'
        and column_name = 'total'
        and table_kind in ('expenditure_summary', 'general_budget_expenditure')
        -- the budget: a 部门决算's 决算数 is what was spent, not what was budgeted
        and phase = 'budget'
    group by body_scope_id, fiscal_year
{% endmacro %}

{#- The sum of the amounts of a category's projects (ref_project_categories). -#}
{% macro category_projects_amount(category) %}
    select
        body_scope_id,
        fiscal_year,
        sum(amount_yuan) as amount_yuan,
        min(doc_id) as doc_id,
        min(line) as line,
        'projects: ' || string_agg(project_name || ' ' || amount_yuan, '; ' order by project_seq)
        as basis
    from {{ ref('int_projects_categorised') }}
    where is_primary
        -- projects of a budget (a 部门决算's projects were spent, not budgeted)
        and doc_id in (
            select documents.doc_id from {{ ref('int_documents_ranked') }} as documents
            where documents.document_kind = 'budget'
        )
        and category = '{{ category }}'
        and amount_yuan is not null
    group by body_scope_id, fiscal_year
{% endmacro %}
