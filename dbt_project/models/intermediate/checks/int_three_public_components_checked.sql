-- 三公 components against the 三公 total, and vehicle purchase + operation against the vehicle
-- line, per source (the table and the prose are checked each on their own).
with three_public as (
    select * from {{ ref('stg_raw__three_public') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

by_source as (
    select
        documents.body_scope_id,
        three_public.fiscal_year,
        three_public.doc_id,
        three_public.source_kind,
        max(three_public.amount_yuan) filter (where three_public.component = 'total') as total,
        max(three_public.amount_yuan) filter (where three_public.component = 'overseas')
            as overseas,
        max(three_public.amount_yuan) filter (where three_public.component = 'vehicle_total')
            as vehicle_total,
        max(three_public.amount_yuan) filter (where three_public.component = 'vehicle_purchase')
            as purchase,
        max(three_public.amount_yuan) filter (where three_public.component = 'vehicle_operation')
            as operation,
        max(three_public.amount_yuan) filter (where three_public.component = 'reception')
            as reception,
        min(three_public.line) as line,
        min(three_public.snippet) as snippet
    from three_public
    inner join documents
        on three_public.doc_id = documents.doc_id
    group by all
),

with_sums as (
    select
        *,
        coalesce(
            overseas, 0) + coalesce(
            vehicle_total, coalesce(purchase, 0)
            + coalesce(operation, 0)
        ) + coalesce(reception, 0
        ) as components,
        coalesce(purchase, 0) + coalesce(operation, 0) as vehicle_parts
    from by_source
),

components_vs_total as (
    select
        {{ inconsistency(
            'three_public_components_vs_total', 'body_scope_id', 'fiscal_year', 'doc_id',
            "'three_public_total_yuan (' || source_kind || ')'",
            "'三公 total ' || total || ' is not overseas + vehicles + reception = ' || components",
            'total', "'三公 total'", 'components', "'sum of components'",
            'line', 'snippet', 'line', 'snippet'
        ) }}
    from with_sums
    where total is not null
        and (overseas is not null or vehicle_total is not null or reception is not null)
        and total <> components
),

vehicles as (
    select
        {{ inconsistency(
            'three_public_components_vs_total', 'body_scope_id', 'fiscal_year', 'doc_id',
            "'three_public_vehicle_total_yuan (' || source_kind || ')'",
            "'vehicles ' || vehicle_total || ' is not purchase ' || coalesce(purchase, 0)"
            ~ " || ' + operation ' || coalesce(operation, 0)",
            'vehicle_total', "'vehicle purchase and operation'", 'vehicle_parts',
            "'purchase + operation'", 'line', 'snippet', 'line', 'snippet'
        ) }}
    from with_sums
    where vehicle_total is not null
        and (purchase is not null or operation is not null)
        and vehicle_total <> vehicle_parts
),

final as (
    select * from components_vs_total
    union all
    select * from vehicles
)

select * from final
