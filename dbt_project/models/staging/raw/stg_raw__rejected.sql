with source as (
    select * from {{ source('raw', 'rejected') }}
),

final as (
    select
        sha256,
        source_path,
        source_paths,
        byte_size,
        reason,
        detail,
        parser_version,
        rejected_at
    from source
)

select * from final
