-- The totals of a body-year side by side (as printed, or derived from the same document), with
-- where each was printed: what the document-identity checks compare.
with measures as (
    select * from {{ ref('int_measures_reported') }}
),

final as (
    select
        body_scope_id || '-' || fiscal_year as body_year_id,
        body_scope_id,
        fiscal_year,
        min(doc_id) as doc_id,
        max(value) filter (where measure = 'total_revenue_yuan') as total_revenue,
        max(value) filter (where measure = 'total_expenditure_yuan') as total_expenditure,
        max(value) filter (where measure = 'basic_expenditure_yuan') as basic,
        max(value) filter (where measure = 'project_expenditure_yuan') as project,
        max(value) filter (where measure = 'personnel_expenditure_yuan') as personnel,
        max(value) filter (where measure = 'public_operating_expenditure_yuan')
            as public_operating,
        max(line) filter (where measure = 'total_expenditure_yuan') as total_line,
        max(snippet) filter (where measure = 'total_expenditure_yuan') as total_snippet,
        max(line) filter (where measure = 'basic_expenditure_yuan') as basic_line,
        max(snippet) filter (where measure = 'basic_expenditure_yuan') as basic_snippet
    from measures
    group by body_scope_id, fiscal_year
)

select * from final
