-- The measures of the warehouse (ref_measures), with the labels the run summary and the
-- dashboard print: the one list every pivot, column and label is generated from.
with measures as (
    select * from {{ ref('ref_measures') }}
),

final as (
    select
        measure,
        sort_order,
        unit,
        measure_group,
        applies_to,
        is_core,
        in_comparison,
        in_summary,
        label_zh,
        description,
        description_zh,
        nullif(derivation, '') as derivation,
        nullif(derived_from, '') as derived_from
    from measures
)

select * from final
