-- Reported figures plus those the same document implies by its own arithmetic:
-- project = total − basic (霸州 2021 states only the total and the basic part) and
-- basic = personnel + public, each only where the document does not print it.
with reported as (
    select * from {{ ref('int_county_measures_reported') }}
),

pivoted as (
    select
        county_code,
        fiscal_year,
        max(case when measure = 'total_expenditure_yuan' then value end) as total_expenditure,
        max(case when measure = 'basic_expenditure_yuan' then value end) as basic_expenditure,
        max(case when measure = 'project_expenditure_yuan' then value end) as project_expenditure,
        max(case when measure = 'personnel_expenditure_yuan' then value end) as personnel,
        max(case when measure = 'public_operating_expenditure_yuan' then value end) as public_operating,
        max(case when measure = 'total_expenditure_yuan' then doc_id end) as total_doc_id
    from reported
    group by county_code, fiscal_year
),

derived_project as (
    select
        county_code,
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
        1 as n_distinct_values
    from pivoted
    where project_expenditure is null
        and total_expenditure is not null
        and basic_expenditure is not null
),

derived_basic as (
    select
        county_code,
        fiscal_year,
        'basic_expenditure_yuan' as measure,
        personnel + public_operating as value,
        'derived' as status,
        'same_document' as source_kind,
        total_doc_id as doc_id,
        cast(null as integer) as page,
        cast(null as integer) as line,
        cast(null as varchar) as snippet,
        'personnel ' || personnel || ' + public_operating ' || public_operating as basis,
        1 as n_distinct_values
    from pivoted
    where basic_expenditure is null
        and personnel is not null
        and public_operating is not null
),

final as (
    select * from reported
    union all
    select * from derived_project
    union all
    select * from derived_basic
)

select * from final
