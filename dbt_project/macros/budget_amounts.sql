{#- County-year amounts read two ways, shared by the subsidy and medical-assistance models. -#}

{#- The total-column amount of one function subject in the expenditure tables. -#}
{% macro function_subject_amount(subject_code, basis) %}
    select
        documents.county_code,
        documents.fiscal_year,
        max(budget_lines.amount_yuan) as amount_yuan,
        min(budget_lines.doc_id) as doc_id,
        min(budget_lines.line) as line,
        {{ basis }} as basis
    from {{ ref('stg_raw__budget_lines') }} as budget_lines
    inner join {{ ref('int_documents_ranked') }} as documents
        on budget_lines.doc_id = documents.doc_id
    where documents.is_primary
        and budget_lines.subject_code = '{{ subject_code }}'
        and budget_lines.column_name = 'total'
        and budget_lines.table_kind in ('expenditure_summary', 'general_budget_expenditure')
    group by documents.county_code, documents.fiscal_year
{% endmacro %}

{#- The sum of the amounts of a category's projects (ref_project_categories). -#}
{% macro category_projects_amount(category) %}
    select
        county_code,
        fiscal_year,
        sum(amount_yuan) as amount_yuan,
        min(doc_id) as doc_id,
        min(line) as line,
        'projects: ' || string_agg(project_name || ' ' || amount_yuan, '; ' order by project_seq)
        as basis
    from {{ ref('int_projects_categorised') }}
    where is_primary
        and category = '{{ category }}'
        and amount_yuan is not null
    group by county_code, fiscal_year
{% endmacro %}
