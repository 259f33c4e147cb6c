-- Projects of the performance-target tables (and whole-unit tables), with what they are for.
with projects as (
    select * from {{ ref('int_projects_categorised') }}
),

final as (
    select
        project_id,
        doc_id,
        body_id,
        body_scope_id,
        division_code,
        county_code,
        fiscal_year,
        project_seq,
        scope,
        project_code,
        project_name,
        category,
        implementing_unit,
        purpose,
        goal,
        spending_plan,
        is_primary,
        page,
        line
    from projects
)

select * from final
