with source as (
    select * from {{ source('raw', 'three_public') }}
),

final as (
    select
        doc_id || ':' || figure_seq as three_public_figure_id,
        doc_id,
        figure_seq,
        fiscal_year,
        component,
        amount as amount_source,
        amount_text,
        money_unit,
        -- an empty table (空表列示) or a blank cell in a table with figures is a reported zero
        case
            when reported_as in ('empty_table', 'blank') then cast(0 as decimal(18, 2))
            else {{ to_yuan('amount', 'money_unit') }}
        end as amount_yuan,
        {{ printed_precision('amount_text', 'money_unit') }} as precision_yuan,
        reported_as,
        source as source_kind,
        page,
        line,
        snippet,
        coalesce(phase, 'budget') as phase
    from source
)

select * from final
