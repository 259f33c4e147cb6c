-- Basic expenditure against personnel + public operating expenditure.
with totals as (
    select * from {{ ref('int_body_year_totals_pivoted') }}
),

final as (
    select
        {{ inconsistency(
            'personnel_plus_public_vs_basic', 'body_scope_id', 'fiscal_year', 'doc_id',
            "'basic_expenditure_yuan'",
            "'basic expenditure ' || basic || ' is not personnel ' || personnel || ' + public '"
            ~ " || public_operating || ' = ' || (personnel + public_operating)",
            'basic', "'printed basic expenditure'", 'personnel + public_operating',
            "'personnel + public operating'", 'basic_line', 'basic_snippet', 'basic_line',
            'basic_snippet'
        ) }}
    from totals
    where basic <> personnel + public_operating
)

select * from final
