-- A change stated in one year's document against the figure of the prior year's own document,
-- when both were ingested: one row per stating document, measure and year.
with stated_changes as (
    select * from {{ ref('int_stated_changes_implied') }}
    where prior_value is not null
),

documents_values as (
    select * from {{ ref('int_measures_completed') }}
),

final as (
    select
        {{ inconsistency(
            'stated_change_vs_prior_document', 'stated_changes.body_scope_id',
            'stated_changes.compared_year', 'stated_changes.doc_id', 'stated_changes.measure',
            "'the ' || stated_changes.fiscal_year || ' document implies '"
            ~ " || stated_changes.prior_value || ' for ' || stated_changes.compared_year"
            ~ " || ', the ' || stated_changes.compared_year || ' document gives '"
            ~ " || documents_values.value",
            'stated_changes.prior_value', "'implied by the stated change'",
            'documents_values.value', "'the prior year''s document'", 'stated_changes.line',
            'stated_changes.sentence', 'documents_values.line', 'documents_values.snippet'
        ) }}
    from stated_changes
    inner join documents_values
        on stated_changes.body_scope_id = documents_values.body_scope_id
        and stated_changes.compared_year = documents_values.fiscal_year
        and stated_changes.measure = documents_values.measure
    where stated_changes.prior_value <> documents_values.value
)

select * from final
