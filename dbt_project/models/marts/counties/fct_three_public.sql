-- 三公 spending by county × year × component, with status (the county's medical-insurance
-- bureau; any body's 三公 is in fct_body_measure).  Components: total, overseas
-- (因公出国（境）), vehicle_total, vehicle_purchase, vehicle_operation, reception.
with measures as (
    select * from {{ ref('fct_county_measure') }}
    where measure_group = 'three_public'
),

final as (
    select
        county_code || '-' || fiscal_year || '-'
        || replace(replace(measure, 'three_public_', ''), '_yuan', '')
        || case phase when 'budget' then '' else '-' || phase end as three_public_id,
        county_code,
        fiscal_year,
        body_scope_id,
        replace(replace(measure, 'three_public_', ''), '_yuan', '') as component,
        value as amount_yuan,
        status,
        source_kind,
        doc_id,
        page,
        line,
        snippet,
        basis,
        proof,
        proof_page,
        proof_line,
        proof_source,
        phase
    from measures
)

select * from final
