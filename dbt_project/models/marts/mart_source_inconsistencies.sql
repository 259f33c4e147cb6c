-- Every accounting identity a source document breaks, and every figure it gives twice with
-- different values, with both numbers and where each was printed.  Contradictions in the
-- documents are data here, never a failed build.
with two_figures as (
    select * from {{ ref('int_checks_two_figures') }}
),

table_arithmetic as (
    select * from {{ ref('int_checks_table_arithmetic') }}
),

document_identities as (
    select * from {{ ref('int_checks_document_identities') }}
),

stated_changes as (
    select * from {{ ref('int_checks_stated_changes') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

unioned as (
    select * from two_figures
    union all
    select * from table_arithmetic
    union all
    select * from document_identities
    union all
    select * from stated_changes
),

final as (
    select
        md5(
            unioned.check_name || '|' || unioned.doc_id || '|' || unioned.subject || '|'
            || coalesce(cast(unioned.value_a as varchar), '') || '|'
            || coalesce(cast(unioned.value_b as varchar), '')
        ) as inconsistency_id,
        unioned.county_code,
        unioned.fiscal_year,
        unioned.doc_id,
        documents.source_path,
        unioned.check_name,
        unioned.subject,
        unioned.description,
        cast(unioned.value_a as decimal(18, 2)) as value_a,
        unioned.label_a,
        cast(unioned.value_b as decimal(18, 2)) as value_b,
        unioned.label_b,
        cast(unioned.value_a - unioned.value_b as decimal(18, 2)) as difference,
        unioned.line_a,
        unioned.snippet_a,
        unioned.line_b,
        unioned.snippet_b
    from unioned
    left join documents
        on unioned.doc_id = documents.doc_id
)

select distinct * from final
