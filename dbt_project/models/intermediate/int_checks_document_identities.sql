-- A document's own totals against its parts: basic + project vs total, personnel + public vs
-- basic, revenue vs expenditure, 三公 components vs the 三公 total, the fixed-asset table's
-- total vs its categories, the listed project amounts vs the project total, and the sum of
-- the project tables vs the project total.
with measures as (
    select * from {{ ref('int_county_measures_reported') }}
),

three_public as (
    select * from {{ ref('stg_raw__three_public') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

assets as (
    select * from {{ ref('stg_raw__assets') }}
),

facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
),

projects as (
    select * from {{ ref('int_projects_categorised') }}
    where is_primary and scope = 'project'
),

wide as (
    select
        county_code,
        fiscal_year,
        min(doc_id) as doc_id,
        max(value) filter (where measure = 'total_revenue_yuan') as total_revenue,
        max(value) filter (where measure = 'total_expenditure_yuan') as total_expenditure,
        max(value) filter (where measure = 'basic_expenditure_yuan') as basic,
        max(value) filter (where measure = 'project_expenditure_yuan') as project,
        max(value) filter (where measure = 'personnel_expenditure_yuan') as personnel,
        max(value) filter (where measure = 'public_operating_expenditure_yuan') as public_operating,
        max(line) filter (where measure = 'total_expenditure_yuan') as total_line,
        max(snippet) filter (where measure = 'total_expenditure_yuan') as total_snippet,
        max(line) filter (where measure = 'basic_expenditure_yuan') as basic_line,
        max(snippet) filter (where measure = 'basic_expenditure_yuan') as basic_snippet
    from measures
    group by county_code, fiscal_year
),

basic_plus_project as (
    select
        county_code,
        fiscal_year,
        doc_id,
        'basic_plus_project_vs_total' as check_name,
        'total_expenditure_yuan' as subject,
        'the printed total ' || total_expenditure || ' is not basic ' || basic
        || ' + project ' || project || ' = ' || (basic + project) as description,
        total_expenditure as value_a,
        'printed total expenditure' as label_a,
        basic + project as value_b,
        'basic + project expenditure' as label_b,
        total_line as line_a,
        total_snippet as snippet_a,
        basic_line as line_b,
        basic_snippet as snippet_b
    from wide
    where total_expenditure <> basic + project
),

personnel_plus_public as (
    select
        county_code,
        fiscal_year,
        doc_id,
        'personnel_plus_public_vs_basic',
        'basic_expenditure_yuan',
        'basic expenditure ' || basic || ' is not personnel ' || personnel || ' + public '
        || public_operating || ' = ' || (personnel + public_operating),
        basic,
        'printed basic expenditure',
        personnel + public_operating,
        'personnel + public operating',
        basic_line,
        basic_snippet,
        basic_line,
        basic_snippet
    from wide
    where basic <> personnel + public_operating
),

revenue_vs_expenditure as (
    select
        county_code,
        fiscal_year,
        doc_id,
        'revenue_vs_expenditure',
        'total_revenue_yuan',
        'total revenue ' || total_revenue || ' differs from total expenditure '
        || total_expenditure,
        total_revenue,
        'total revenue',
        total_expenditure,
        'total expenditure',
        total_line,
        total_snippet,
        total_line,
        total_snippet
    from wide
    where total_revenue <> total_expenditure
),

three_public_by_source as (
    select
        documents.county_code,
        three_public.fiscal_year,
        three_public.doc_id,
        three_public.source_kind,
        max(three_public.amount_yuan) filter (where three_public.component = 'total') as total,
        max(three_public.amount_yuan) filter (where three_public.component = 'overseas') as overseas,
        max(three_public.amount_yuan) filter (where three_public.component = 'vehicle_total') as vehicle_total,
        max(three_public.amount_yuan) filter (where three_public.component = 'vehicle_purchase') as purchase,
        max(three_public.amount_yuan) filter (where three_public.component = 'vehicle_operation') as operation,
        max(three_public.amount_yuan) filter (where three_public.component = 'reception') as reception,
        min(three_public.line) as line,
        min(three_public.snippet) as snippet
    from three_public
    inner join documents
        on three_public.doc_id = documents.doc_id
    group by all
),

three_public_components as (
    select
        county_code,
        fiscal_year,
        doc_id,
        'three_public_components_vs_total',
        'three_public_total_yuan (' || source_kind || ')',
        '三公 total ' || total || ' is not overseas + vehicles + reception = '
        || (coalesce(overseas, 0) + coalesce(vehicle_total, coalesce(purchase, 0)
            + coalesce(operation, 0)) + coalesce(reception, 0)),
        total,
        '三公 total',
        coalesce(overseas, 0) + coalesce(vehicle_total, coalesce(purchase, 0)
            + coalesce(operation, 0)) + coalesce(reception, 0),
        'sum of components',
        line,
        snippet,
        line,
        snippet
    from three_public_by_source
    where total is not null
        and (overseas is not null or vehicle_total is not null or reception is not null)
        and total <> coalesce(overseas, 0) + coalesce(vehicle_total, coalesce(purchase, 0)
            + coalesce(operation, 0)) + coalesce(reception, 0)
    union all
    select
        county_code,
        fiscal_year,
        doc_id,
        'three_public_components_vs_total',
        'three_public_vehicle_total_yuan (' || source_kind || ')',
        'vehicles ' || vehicle_total || ' is not purchase ' || coalesce(purchase, 0)
        || ' + operation ' || coalesce(operation, 0),
        vehicle_total,
        'vehicle purchase and operation',
        coalesce(purchase, 0) + coalesce(operation, 0),
        'purchase + operation',
        line,
        snippet,
        line,
        snippet
    from three_public_by_source
    where vehicle_total is not null
        and (purchase is not null or operation is not null)
        and vehicle_total <> coalesce(purchase, 0) + coalesce(operation, 0)
),

asset_parts as (
    select
        documents.county_code,
        assets.as_of_year as fiscal_year,
        assets.doc_id,
        max(assets.value_yuan) filter (where assets.category = 'total') as total,
        sum(assets.value_yuan) filter (
            where assets.category in ('buildings', 'vehicles', 'equipment_over_200k', 'other')
        ) as parts,
        min(assets.line) filter (where assets.category = 'total') as line,
        min(assets.snippet) filter (where assets.category = 'total') as snippet
    from assets
    inner join documents
        on assets.doc_id = documents.doc_id
    group by all
),

asset_total as (
    select
        county_code,
        fiscal_year,
        doc_id,
        'fixed_assets_parts_vs_total',
        'fixed_assets_yuan',
        'the asset table totals ' || total || ' but its categories add up to ' || parts,
        total,
        '资产总额',
        parts,
        'buildings + vehicles + equipment + other',
        line,
        snippet,
        line,
        snippet
    from asset_parts
    where total is not null
        and parts is not null
        and total <> parts
),

listed as (
    select
        documents.county_code,
        facts.fact_year as fiscal_year,
        facts.doc_id,
        sum(facts.value) as listed_sum,
        count(*) as n_items,
        string_agg(facts.label || ' ' || facts.amount_text, '、' order by facts.fact_seq) as items,
        min(facts.line) as line
    from facts
    inner join documents
        on facts.doc_id = documents.doc_id
    where facts.fact_key = 'project_listed_amount'
    group by all
),

listed_vs_project as (
    select
        listed.county_code,
        listed.fiscal_year,
        listed.doc_id,
        'listed_projects_exceed_total',
        'project_expenditure_yuan',
        'the narrative lists projects adding up to ' || listed.listed_sum
        || ', more than the project expenditure ' || wide.project || ': ' || listed.items,
        wide.project,
        'project expenditure',
        listed.listed_sum,
        'sum of the projects listed in the narrative',
        listed.line,
        listed.items,
        listed.line,
        listed.items
    from listed
    inner join wide
        on listed.county_code = wide.county_code
        and listed.fiscal_year = wide.fiscal_year
    where listed.listed_sum > wide.project
),

project_tables as (
    select
        county_code,
        fiscal_year,
        min(doc_id) as doc_id,
        sum(amount_yuan) as projects_sum,
        count(*) as n_projects,
        count(*) filter (where amount_yuan is null) as n_without_amount,
        min(line) as line
    from projects
    group by county_code, fiscal_year
),

project_tables_vs_total as (
    select
        project_tables.county_code,
        project_tables.fiscal_year,
        project_tables.doc_id,
        'project_tables_vs_project_total',
        'project_expenditure_yuan',
        'the ' || project_tables.n_projects || ' project tables add up to '
        || project_tables.projects_sum || ' but project expenditure is ' || wide.project,
        wide.project,
        'project expenditure',
        project_tables.projects_sum,
        'sum of project tables',
        wide.basic_line,
        cast(null as varchar),
        project_tables.line,
        cast(null as varchar)
    from project_tables
    inner join wide
        on project_tables.county_code = wide.county_code
        and project_tables.fiscal_year = wide.fiscal_year
    where project_tables.n_without_amount = 0
        and project_tables.projects_sum <> wide.project
),

final as (
    select * from basic_plus_project
    union all
    select * from personnel_plus_public
    union all
    select * from revenue_vs_expenditure
    union all
    select * from three_public_components
    union all
    select * from asset_total
    union all
    select * from listed_vs_project
    union all
    select * from project_tables_vs_total
)

select * from final
