with source as (
    select * from {{ source('raw', 'indicators') }}
),

final as (
    select
        doc_id || ':' || project_seq || ':' || indicator_seq as indicator_id,
        doc_id || ':' || project_seq as project_id,
        doc_id,
        project_seq,
        project_code,
        scope,
        indicator_seq,
        level1,
        level2,
        level3,
        description,
        value_text,
        operator,
        value,
        unit,
        is_quantitative,
        basis,
        page,
        line,
        snippet
    from source
)

select * from final
