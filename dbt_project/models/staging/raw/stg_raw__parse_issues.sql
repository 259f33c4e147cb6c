with source as (
    select * from {{ source('raw', 'parse_issues') }}
),

final as (
    select
        doc_id || ':' || issue_seq as issue_id,
        doc_id,
        issue_seq,
        severity,
        code,
        message,
        page,
        line,
        snippet
    from source
)

select * from final
