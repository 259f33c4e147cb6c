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
        division_code,
        division_name,
        division_level,
        division_key,
        county_code,
        body_name,
        body_stem,
        division_key || '-' || body_stem as body_id,
        scope,
        identity_source,
        budget_year as fiscal_year,
        money_unit,
        title,
        county_evidence as division_evidence,
        body_evidence,
        scope_evidence,
        year_evidence,
        n_issues,
        parser_version,
        ingested_at,
        -- budget (部门预算) | final (部门决算); documents landed before kinds were read are budgets
        coalesce(document_kind, 'budget') as document_kind,
        kind_evidence
    from source
)

select * from final
