with source as (
    select * from {{ source('raw', 'projects') }}
),

final as (
    select
        doc_id || ':' || project_seq as project_id,
        doc_id,
        project_seq,
        scope,
        project_code,
        project_name,
        title,
        amount as amount_source,
        amount_text,
        amount_basis,
        money_unit,
        {{ to_yuan('amount', 'money_unit') }} as amount_yuan,
        {{ to_yuan('fiscal_amount', 'money_unit') }} as fiscal_amount_yuan,
        implementing_unit,
        purpose,
        goal,
        spending_plan,
        page,
        line,
        snippet
    from source
)

select * from final
