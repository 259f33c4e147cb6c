-- The project performance tables (each with its amount) against the project expenditure.
with projects as (
    select * from {{ ref('int_projects_categorised') }}
    where is_primary and scope = 'project'
),

totals as (
    select * from {{ ref('int_body_year_totals_pivoted') }}
),

project_tables as (
    select
        body_scope_id,
        fiscal_year,
        min(doc_id) as doc_id,
        sum(amount_yuan) as projects_sum,
        count(*) as n_projects,
        count(*) filter (where amount_yuan is null) as n_without_amount,
        min(line) as line
    from projects
    group by body_scope_id, fiscal_year
),

final as (
    select
        {{ inconsistency(
            'project_tables_vs_project_total', 'project_tables.body_scope_id',
            'project_tables.fiscal_year', 'project_tables.doc_id', "'project_expenditure_yuan'",
            "'the ' || project_tables.n_projects || ' project tables add up to '"
            ~ " || project_tables.projects_sum || ' but project expenditure is ' || totals.project",
            'totals.project', "'project expenditure'", 'project_tables.projects_sum',
            "'sum of project tables'", 'totals.basic_line', 'null', 'project_tables.line', 'null'
        ) }}
    from project_tables
    inner join totals
        on project_tables.body_scope_id = totals.body_scope_id
        and project_tables.fiscal_year = totals.fiscal_year
    where project_tables.n_without_amount = 0
        and project_tables.projects_sum <> totals.project
)

select * from final
