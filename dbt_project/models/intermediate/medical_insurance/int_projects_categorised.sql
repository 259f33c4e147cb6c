-- What a project is for, from its name (ref_project_categories, first match by priority).
with projects as (
    select * from {{ ref('stg_raw__projects') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
),

categories as (
    select * from {{ ref('ref_project_categories') }}
),

matches as (
    select
        projects.project_id,
        categories.category,
        row_number() over (
            partition by projects.project_id order by categories.priority, categories.category
        ) as preference
    from projects
    inner join categories
        on regexp_matches(coalesce(projects.project_name, projects.title), categories.name_pattern)
        and (
            categories.exclude_pattern is null
            or not regexp_matches(
                coalesce(projects.project_name, projects.title), categories.exclude_pattern
            )
        )
),

final as (
    select
        projects.*,
        documents.body_id,
        documents.body_scope_id,
        documents.division_code,
        documents.county_code,
        documents.fiscal_year,
        documents.is_primary,
        case
            when projects.scope = 'unit' then 'whole_unit'
            else coalesce(matches.category, 'other')
        end as category
    from projects
    inner join documents
        on projects.doc_id = documents.doc_id
    left join matches
        on projects.project_id = matches.project_id
        and matches.preference = 1
)

select * from final
