-- Medical assistance money: the function subject 21013 (医疗救助) where the budget tables
-- exist, else the amounts of the medical-assistance projects.
with documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

budget_lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
),

projects as (
    select * from {{ ref('int_projects_categorised') }}
    where is_primary
),

from_tables as (
    select
        documents.county_code,
        documents.fiscal_year,
        max(budget_lines.amount_yuan) as value,
        min(budget_lines.doc_id) as doc_id,
        min(budget_lines.line) as line,
        'function subject 21013 医疗救助' as basis
    from budget_lines
    inner join documents
        on budget_lines.doc_id = documents.doc_id
    where budget_lines.subject_code = '21013'
        and budget_lines.column_name = 'total'
        and budget_lines.table_kind in ('expenditure_summary', 'general_budget_expenditure')
    group by documents.county_code, documents.fiscal_year
),

from_projects as (
    select
        county_code,
        fiscal_year,
        sum(amount_yuan) as value,
        min(doc_id) as doc_id,
        min(line) as line,
        'projects: ' || string_agg(project_name || ' ' || amount_yuan, '; ' order by project_seq)
        as basis
    from projects
    where category = 'medical_assistance'
        and amount_yuan is not null
    group by county_code, fiscal_year
),

final as (
    select
        coalesce(from_tables.county_code, from_projects.county_code) as county_code,
        coalesce(from_tables.fiscal_year, from_projects.fiscal_year) as fiscal_year,
        coalesce(from_tables.value, from_projects.value) as value,
        coalesce(from_tables.doc_id, from_projects.doc_id) as doc_id,
        coalesce(from_tables.line, from_projects.line) as line,
        coalesce(from_tables.basis, from_projects.basis) as basis
    from from_tables
    full outer join from_projects
        on from_tables.county_code = from_projects.county_code
        and from_tables.fiscal_year = from_projects.fiscal_year
)

select * from final
