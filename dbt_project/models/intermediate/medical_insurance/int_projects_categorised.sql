-- depends_on: {{ ref('int_documents_ranked') }}
-- What a project is for, from its name (ref_project_categories, first match by priority), for
-- every document's projects (superseded copies too, flagged by is_primary: dim_project lists
-- them).  Incremental, keyed by document (macros/incremental_documents.sql): matching every
-- project's name against every category's pattern is the costliest join of a refresh, and a
-- project's category depends on its own name only (a change of the categories changes the
-- models' fingerprint, which rebuilds everything).
with documents as (
    {{ documents_to_compute(every_document=true) }}
),

projects as (
    select * from {{ ref('stg_raw__projects') }}
    where doc_id in (select documents.doc_id from documents)
),

categories as (
    select * from {{ ref('ref_project_categories') }}
),

-- a name is matched once however many documents print it (the same project recurs in every
-- county and year: 836 distinct names among 234,000 projects of the national bench)
names as (
    select distinct coalesce(project_name, title) as matched_name
    from projects
),

matches as (
    select
        names.matched_name,
        categories.category,
        row_number() over (
            partition by names.matched_name order by categories.priority, categories.category
        ) as preference
    from names
    inner join categories
        on regexp_matches(names.matched_name, categories.name_pattern)
        and (
            categories.exclude_pattern is null
            or not regexp_matches(names.matched_name, categories.exclude_pattern)
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
        documents.document_state,
        case
            when projects.scope = 'unit' then 'whole_unit'
            else coalesce(matches.category, 'other')
        end as category
    from projects
    inner join documents
        on projects.doc_id = documents.doc_id
    left join matches
        on coalesce(projects.project_name, projects.title) = matches.matched_name
        and matches.preference = 1
)

select * from final
