-- A change stated in one year's document against the figure of the prior year's own
-- document, when both were ingested.
with stated_changes as (
    select * from {{ ref('int_stated_changes') }}
    where prior_value is not null
),

documents_values as (
    select * from {{ ref('int_county_measures_completed') }}
),

final as (
    select
        stated_changes.county_code,
        stated_changes.compared_year as fiscal_year,
        stated_changes.doc_id,
        'stated_change_vs_prior_document' as check_name,
        stated_changes.measure as subject,
        'the ' || stated_changes.fiscal_year || ' document implies ' || stated_changes.prior_value
        || ' for ' || stated_changes.compared_year || ', the ' || stated_changes.compared_year
        || ' document gives ' || documents_values.value as description,
        stated_changes.prior_value as value_a,
        'implied by the stated change' as label_a,
        documents_values.value as value_b,
        'the prior year''s document' as label_b,
        stated_changes.line as line_a,
        stated_changes.sentence as snippet_a,
        documents_values.line as line_b,
        documents_values.snippet as snippet_b
    from stated_changes
    inner join documents_values
        on stated_changes.county_code = documents_values.county_code
        and stated_changes.compared_year = documents_values.fiscal_year
        and stated_changes.measure = documents_values.measure
    where stated_changes.prior_value <> documents_values.value
)

select * from final
