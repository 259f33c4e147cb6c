-- Every accounting identity a source document breaks, and every figure it gives twice with
-- different values (or that a later document restates differently), with both numbers and
-- where each was printed: one row per contradiction.  Contradictions in the documents are
-- data here, never a failed build.
with checks as (
    {%- set checks = [
        'int_two_figures_checked', 'int_enrollment_figures_checked',
        'int_parent_vs_children_checked', 'int_row_total_vs_parts_checked',
        'int_subject_across_tables_checked', 'int_basic_plus_project_checked',
        'int_personnel_plus_public_checked', 'int_revenue_vs_expenditure_checked',
        'int_three_public_components_checked', 'int_fixed_assets_checked',
        'int_listed_projects_checked', 'int_project_tables_checked',
        'int_stated_changes_checked', 'int_restated_figures_checked',
    ] %}
    {%- for check in checks %}
        select * from {{ ref(check) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

documents as (
    select * from {{ ref('dim_document') }}
),

body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

final as (
    select
        checks.inconsistency_id,
        checks.body_scope_id,
        body_years.body_id,
        body_years.scope,
        body_years.division_code,
        body_years.county_code,
        checks.fiscal_year,
        checks.doc_id,
        documents.source_path,
        checks.check_name,
        checks.subject,
        checks.description,
        checks.value_a,
        checks.label_a,
        checks.value_b,
        checks.label_b,
        cast(checks.value_a - checks.value_b as decimal(18, 2)) as difference,
        checks.line_a,
        checks.snippet_a,
        checks.line_b,
        checks.snippet_b
    from checks
    left join documents
        on checks.doc_id = documents.doc_id
    left join body_years
        on checks.body_scope_id = body_years.body_scope_id
        and checks.fiscal_year = body_years.fiscal_year
)

select * from final
