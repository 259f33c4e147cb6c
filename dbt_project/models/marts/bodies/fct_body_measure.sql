-- The long fact of every budgeting body: body × scope × year × measure, with value, status and
-- provenance.  Measures of any body (totals, structure, 三公, assets) for all; the
-- medical-insurance measures (enrollment, subsidies, per-capita) for medical-insurance bodies
-- at any level.  Every core measure has a row for every body-year a document speaks of; where
-- no document gives it the value is NULL with status 'not_reported'.  phase: 'budget' (a
-- 部门预算's figure, or the 年初预算数 of a 部门决算), 'adjusted' (调整预算数 / 全年预算数),
-- 'actual' (决算数); the scaffold of core measures is the budget's, the other phases have a
-- row where a document gives the figure.
with body_years as (
    select * from {{ ref('int_body_years_enumerated') }}
),

measures as (
    select * from {{ ref('ref_measures') }}
),

measure_proof as (
    select * from {{ ref('int_measures_proven') }}
),

money_and_counts as (
    select
        with_prior.body_scope_id,
        with_prior.fiscal_year,
        with_prior.measure,
        with_prior.value,
        with_prior.status,
        with_prior.source_kind,
        with_prior.doc_id,
        with_prior.page,
        with_prior.line,
        with_prior.snippet,
        with_prior.basis,
        with_prior.n_distinct_values,
        cast(null as varchar) as null_reason,
        measure_proof.proof,
        measure_proof.proof_page,
        measure_proof.proof_line,
        measure_proof.proof_source
    from {{ ref('int_measures_prior_added') }} as with_prior
    -- derived figures have no proof row of their own: computed, not printed twice
    left join measure_proof
        on with_prior.body_scope_id = measure_proof.body_scope_id
        and with_prior.fiscal_year = measure_proof.fiscal_year
        and with_prior.measure = measure_proof.measure
        and with_prior.status <> 'derived'
),

enrollment as (
    select
        body_scope_id,
        fiscal_year,
        measure,
        value,
        status,
        source_kind,
        doc_id,
        page,
        line,
        snippet,
        basis,
        n_distinct_values,
        cast(null as varchar) as null_reason,
        cast(null as varchar) as proof,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        cast(null as varchar) as proof_source
    from {{ ref('int_enrollment_selected') }}
),

subsidy as (
    select * from {{ ref('int_resident_subsidy_computed') }}
),

subsidy_measures as (
    select
        body_scope_id,
        fiscal_year,
        'county_resident_subsidy_yuan' as measure,
        subsidy_yuan as value,
        case when subsidy_yuan is null then 'not_reported' else 'reported' end as status,
        'table' as source_kind,
        doc_id,
        cast(null as integer) as page,
        line,
        cast(null as varchar) as snippet,
        subsidy_basis as basis,
        1 as n_distinct_values,
        case when subsidy_yuan is null then computed_null_reason end as null_reason,
        cast(null as varchar) as proof,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        cast(null as varchar) as proof_source
    from subsidy
    union all
    select
        body_scope_id,
        fiscal_year,
        'county_resident_subsidy_per_person_stated' as measure,
        stated_per_person as value,
        case
            when stated_per_person is null then 'not_reported'
            when stated_n_distinct_values > 1 then 'conflicting'
            else 'reported'
        end as status,
        'narrative' as source_kind,
        doc_id,
        cast(null as integer) as page,
        stated_line as line,
        stated_sentence as snippet,
        'per-person standard stated in the subsidy project' as basis,
        coalesce(stated_n_distinct_values, 1) as n_distinct_values,
        case
            when stated_per_person is null
                then 'the subsidy project states no per-person standard'
        end as null_reason,
        cast(null as varchar) as proof,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        cast(null as varchar) as proof_source
    from subsidy
    union all
    select
        body_scope_id,
        fiscal_year,
        'county_resident_subsidy_per_person_computed' as measure,
        computed_per_person as value,
        case when computed_per_person is null then 'not_reported' else 'derived' end as status,
        'computed' as source_kind,
        doc_id,
        cast(null as integer) as page,
        line,
        cast(null as varchar) as snippet,
        case
            when computed_per_person is not null
                then subsidy_yuan || ' yuan / ' || denominator_persons || ' persons ('
                    || denominator_kind || ', ' || denominator_year
                    || case
                        when denominator_year < fiscal_year
                            then '; nearest earlier year with a resident enrollment figure'
                        else ''
                    end || ')'
        end as basis,
        1 as n_distinct_values,
        computed_null_reason as null_reason,
        cast(null as varchar) as proof,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        cast(null as varchar) as proof_source
    from subsidy
),

medical_assistance as (
    select
        body_scope_id,
        fiscal_year,
        'medical_assistance_yuan' as measure,
        value,
        case when value = 0 then 'reported_zero' else 'reported' end as status,
        'table' as source_kind,
        doc_id,
        cast(null as integer) as page,
        line,
        cast(null as varchar) as snippet,
        basis,
        1 as n_distinct_values,
        cast(null as varchar) as null_reason,
        cast(null as varchar) as proof,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        cast(null as varchar) as proof_source
    from {{ ref('int_medical_assistance_summed') }}
    where value is not null
),

values_found as (
    select * from money_and_counts
    union all
    select * from enrollment
    union all
    select * from subsidy_measures
    union all
    select * from medical_assistance
),

applicable as (
    select
        body_years.body_scope_id,
        body_years.fiscal_year,
        measures.measure,
        measures.is_core
    from body_years
    inner join measures
        on measures.applies_to = 'any_body'
        or (measures.applies_to = 'medical_insurance' and body_years.is_medical_insurance)
),

-- a not_reported row from the subsidy model only matters through the scaffold below
values_given as (
    select values_found.*
    from values_found
    inner join applicable
        on values_found.body_scope_id = applicable.body_scope_id
        and values_found.fiscal_year = applicable.fiscal_year
        and values_found.measure = applicable.measure
    where values_found.status <> 'not_reported'
),

null_reasons as (
    select
        body_scope_id,
        fiscal_year,
        measure,
        max(null_reason) as null_reason
    from values_found
    where status = 'not_reported'
    group by body_scope_id, fiscal_year, measure
),

scaffold as (
    select
        body_scope_id,
        fiscal_year,
        measure
    from applicable
    where is_core
    union
    select
        body_scope_id,
        fiscal_year,
        measure
    from values_given
),

final as (
    select
        scaffold.body_scope_id || '-' || scaffold.fiscal_year || '-' || scaffold.measure
            as body_measure_id,
        body_years.body_year_id,
        scaffold.body_scope_id,
        body_years.body_id,
        body_years.scope,
        body_years.is_default_scope,
        scaffold.fiscal_year,
        body_years.division_key,
        body_years.division_code,
        body_years.division_level,
        body_years.county_code,
        body_years.body_kind,
        body_years.is_medical_insurance,
        scaffold.measure,
        measures.measure_group,
        measures.unit,
        cast(values_given.value as decimal(18, 2)) as value,
        coalesce(values_given.status, 'not_reported') as status,
        values_given.source_kind,
        values_given.doc_id,
        values_given.page,
        values_given.line,
        values_given.snippet,
        values_given.basis,
        coalesce(values_given.n_distinct_values, 0) as n_distinct_values,
        case
            when values_given.value is null
                then coalesce(
                        null_reasons.null_reason,
                        'no document of this body gives this figure for this year'
                    )
        end as null_reason,
        case
            when values_given.value is not null then coalesce(values_given.proof, 'single')
        end as proof,
        values_given.proof_page,
        values_given.proof_line,
        values_given.proof_source,
        'budget' as phase
    from scaffold
    inner join body_years
        on scaffold.body_scope_id = body_years.body_scope_id
        and scaffold.fiscal_year = body_years.fiscal_year
    inner join measures
        on scaffold.measure = measures.measure
    left join values_given
        on scaffold.body_scope_id = values_given.body_scope_id
        and scaffold.fiscal_year = values_given.fiscal_year
        and scaffold.measure = values_given.measure
    left join null_reasons
        on scaffold.body_scope_id = null_reasons.body_scope_id
        and scaffold.fiscal_year = null_reasons.fiscal_year
        and scaffold.measure = null_reasons.measure
),

executed as (
    select
        executed.body_measure_id,
        body_years.body_year_id,
        executed.body_scope_id,
        body_years.body_id,
        body_years.scope,
        body_years.is_default_scope,
        executed.fiscal_year,
        body_years.division_key,
        body_years.division_code,
        body_years.division_level,
        body_years.county_code,
        body_years.body_kind,
        body_years.is_medical_insurance,
        executed.measure,
        measures.measure_group,
        measures.unit,
        cast(executed.value as decimal(18, 2)) as value,
        executed.status,
        executed.source_kind,
        executed.doc_id,
        executed.page,
        executed.line,
        executed.snippet,
        executed.basis,
        executed.n_distinct_values,
        cast(null as varchar) as null_reason,
        -- the sums that prove a figure are checked for the budget phase; an adjusted or
        -- actual figure claims no more than being printed (never an unproven 'balanced')
        case when executed.value is not null then 'single' end as proof,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        cast(null as varchar) as proof_source,
        executed.phase
    from {{ ref('int_measures_executed') }} as executed
    inner join body_years
        on executed.body_scope_id = body_years.body_scope_id
        and executed.fiscal_year = body_years.fiscal_year
    inner join measures
        on executed.measure = measures.measure
)

select * from final
union all
select * from executed
