with source as (
    select * from {{ source('raw', 'documents') }}
),

final as (
    select
        doc_id,
        source_path,
        source_paths,
        source_format,
        encoding,
        layout,
        pages,
        lines,
        byte_size,
        county_code,
        county_name_raw,
        unit_name_raw,
        budget_year as fiscal_year,
        money_unit,
        title,
        county_evidence,
        year_evidence,
        n_issues,
        parser_version,
        ingested_at
    from source
)

select * from final
