with source as (
    select * from {{ source('raw', 'budget_lines') }}
),

final as (
    select
        doc_id || ':' || line_seq as budget_line_id,
        doc_id,
        line_seq,
        table_kind,
        table_title,
        row_number,
        row_label,
        row_key,
        subject_code,
        subject_scheme,
        side,
        column_name,
        column_label,
        amount as amount_source,
        amount_text,
        money_unit,
        {{ to_yuan('amount', 'money_unit') }} as amount_yuan,
        {{ printed_precision('amount_text', 'money_unit') }} as precision_yuan,
        column_year,
        column_inferred as is_column_inferred,
        page,
        line,
        snippet,
        -- budget | adjusted | actual (landed before phases were read: budget)
        coalesce(phase, 'budget') as phase
    from source
)

select * from final
