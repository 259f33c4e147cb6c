-- Medical assistance money: the function subject 21013 (医疗救助) where the budget tables
-- exist, else the amounts of the medical-assistance projects.
with from_tables as (
    {{ function_subject_amount('21013', "'function subject 21013 医疗救助'") }}
),

from_projects as (
    {{ category_projects_amount('medical_assistance') }}
),

final as (
    select
        coalesce(from_tables.body_scope_id, from_projects.body_scope_id) || '-'
        || coalesce(from_tables.fiscal_year, from_projects.fiscal_year) as body_year_id,
        coalesce(from_tables.body_scope_id, from_projects.body_scope_id) as body_scope_id,
        coalesce(from_tables.fiscal_year, from_projects.fiscal_year) as fiscal_year,
        coalesce(from_tables.amount_yuan, from_projects.amount_yuan) as value,
        coalesce(from_tables.doc_id, from_projects.doc_id) as doc_id,
        coalesce(from_tables.line, from_projects.line) as line,
        coalesce(from_tables.basis, from_projects.basis) as basis
    from from_tables
    full outer join from_projects
        on from_tables.body_scope_id = from_projects.body_scope_id
        and from_tables.fiscal_year = from_projects.fiscal_year
)

select * from final
