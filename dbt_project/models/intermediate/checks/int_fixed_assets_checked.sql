-- The fixed-asset table's total against its categories.
with assets as (
    select * from {{ ref('stg_raw__assets') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

asset_parts as (
    select
        documents.body_scope_id,
        assets.as_of_year as fiscal_year,
        assets.doc_id,
        max(assets.value_yuan) filter (where assets.category = 'total') as total,
        sum(assets.value_yuan) filter (
            where assets.category in ('buildings', 'vehicles', 'equipment_over_200k', 'other')
        ) as parts,
        min(assets.line) filter (where assets.category = 'total') as line,
        min(assets.snippet) filter (where assets.category = 'total') as snippet
    from assets
    inner join documents
        on assets.doc_id = documents.doc_id
    group by all
),

final as (
    select
        {{ inconsistency(
            'fixed_assets_parts_vs_total', 'body_scope_id', 'fiscal_year', 'doc_id',
            "'fixed_assets_yuan'",
            "'the asset table totals ' || total || ' but its categories add up to ' || parts",
            'total', "'资产总额'", 'parts', "'buildings + vehicles + equipment + other'",
            'line', 'snippet', 'line', 'snippet'
        ) }}
    from asset_parts
    where total is not null
        and parts is not null
        and total <> parts
)

select * from final
