-- Reported figures plus those the same document implies by its own arithmetic:
-- project = total − basic (a document may state only the total and the basic part) and
-- basic = personnel + public, each only where the document does not print it.
with reported as (
    select * from {{ ref('int_measures_reported') }}
),

pivoted as (
    select
        body_scope_id,
        fiscal_year,
        max(value) filter (where measure = 'total_expenditure_yuan') as total_expenditure,
        max(value) filter (where measure = 'basic_expenditure_yuan') as basic_expenditure,
        max(value) filter (where measure = 'project_expenditure_yuan') as project_expenditure,
        max(value) filter (where measure = 'personnel_expenditure_yuan') as personnel,
        max(value) filter (where measure = 'public_operating_expenditure_yuan')
            as public_operating,
        max(doc_id) filter (where measure = 'total_expenditure_yuan') as total_doc_id,
        max(doc_id) filter (where measure = 'personnel_expenditure_yuan') as personnel_doc_id
    from reported
    group by body_scope_id, fiscal_year
),

derived_project as (
    select
        body_scope_id,
        fiscal_year,
        'project_expenditure_yuan' as measure,
        total_expenditure - basic_expenditure as value,
        'derived' as status,
        'same_document' as source_kind,
        total_doc_id as doc_id,
        cast(null as integer) as page,
        cast(null as integer) as line,
        cast(null as varchar) as snippet,
        'total_expenditure ' || total_expenditure || ' − basic_expenditure '
        || basic_expenditure as basis,
        1 as n_distinct_values,
        cast(null as decimal(18, 4)) as precision_yuan
    from pivoted
    where project_expenditure is null
        and total_expenditure is not null
        and basic_expenditure is not null
),

derived_basic as (
    select
        body_scope_id,
        fiscal_year,
        'basic_expenditure_yuan' as measure,
        personnel + public_operating as value,
        'derived' as status,
        'same_document' as source_kind,
        personnel_doc_id as doc_id,
        cast(null as integer) as page,
        cast(null as integer) as line,
        cast(null as varchar) as snippet,
        'personnel ' || personnel || ' + public_operating ' || public_operating as basis,
        1 as n_distinct_values,
        cast(null as decimal(18, 4)) as precision_yuan
    from pivoted
    where basic_expenditure is null
        and personnel is not null
        and public_operating is not null
),

derived as (
    select * from derived_project
    union all
    select * from derived_basic
),

final as (
    select * from reported
    union all
    select
        body_scope_id || '-' || fiscal_year || '-' || measure as body_measure_id,
        *
    from derived
)

select * from final
