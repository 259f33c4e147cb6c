with source as (
    select * from {{ source('raw', 'assets') }}
),

final as (
    select
        doc_id || ':' || asset_seq as asset_id,
        doc_id,
        asset_seq,
        category,
        label,
        quantity,
        value as value_source,
        value_text,
        money_unit,
        {{ to_yuan('value', 'money_unit') }} as value_yuan,
        cast(as_of_date as date) as as_of_date,
        as_of_year,
        quantity_inferred as is_quantity_inferred,
        page,
        line,
        snippet
    from source
)

select * from final
