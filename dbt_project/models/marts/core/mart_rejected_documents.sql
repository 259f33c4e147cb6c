-- Inputs the ingest could not read, with the reason: nothing is silently dropped.
with rejected as (
    select * from {{ ref('stg_raw__rejected') }}
),

final as (
    select
        sha256,
        source_path as file,
        source_paths,
        byte_size,
        reason,
        detail,
        rejected_at
    from rejected
)

select * from final
