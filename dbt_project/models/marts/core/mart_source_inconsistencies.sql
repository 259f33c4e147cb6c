-- Every accounting identity a source document breaks, and every figure it gives twice with
-- different values (or that a later document restates differently), with both numbers and
-- where each was printed: one row per contradiction.  Contradictions in the documents are
-- data here, never a failed build.
with checks as (
    {%- set checks = [
        'int_checks_two_figures', 'int_checks_enrollment_figures',
        'int_checks_parent_vs_children', 'int_checks_row_total_vs_parts',
        'int_checks_subject_across_tables', 'int_checks_basic_plus_project',
        'int_checks_personnel_plus_public', 'int_checks_revenue_vs_expenditure',
        'int_checks_three_public_components', 'int_checks_fixed_assets',
        'int_checks_listed_projects', 'int_checks_project_tables',
        'int_checks_stated_changes', 'int_checks_restated_figures',
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
