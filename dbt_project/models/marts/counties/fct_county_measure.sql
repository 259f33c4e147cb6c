-- The long fact of the county marts: county × year × measure, with value, status and
-- provenance, for the county's medical-insurance bureau (int_county_bodies_selected).  Every core
-- measure has a row for every county-year any document speaks of; where no document gives it
-- the value is NULL with status 'not_reported'.
with measures as (
    select * from {{ ref('fct_body_measure') }}
),

county_bodies as (
    select * from {{ ref('int_county_bodies_selected') }}
),

final as (
    select
        county_bodies.county_code || '-' || measures.fiscal_year || '-' || measures.measure
        || case measures.phase when 'budget' then '' else '-' || measures.phase end
            as county_measure_id,
        county_bodies.county_code,
        measures.fiscal_year,
        county_bodies.county_year_id,
        county_bodies.division_key,
        measures.body_scope_id,
        measures.measure,
        measures.measure_group,
        measures.unit,
        measures.value,
        measures.status,
        measures.source_kind,
        measures.doc_id,
        measures.page,
        measures.line,
        measures.snippet,
        measures.basis,
        measures.n_distinct_values,
        measures.null_reason,
        measures.proof,
        measures.proof_page,
        measures.proof_line,
        measures.proof_source,
        measures.phase
    from measures
    inner join county_bodies
        on measures.body_scope_id = county_bodies.body_scope_id
        and measures.fiscal_year = county_bodies.fiscal_year
)

select * from final
