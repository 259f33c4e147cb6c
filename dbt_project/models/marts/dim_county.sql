-- Counties (GB/T 2260 county-level divisions) from the reference seed, extendable by users:
-- one row per code, with its latest name.
with counties as (
    select
        division_code as county_code,
        division_name as county_name,
        prefecture_name,
        province_name,
        aliases
    from {{ ref('ref_divisions') }}
    where level = 'county'
    qualify row_number() over (partition by division_code order by valid_from desc) = 1
),

documents as (
    select
county_code,
count(*) as n_documents
    from {{ ref('int_documents_ranked') }}
    group by county_code
),

final as (
    select
        counties.county_code,
        counties.county_name,
        nullif(counties.prefecture_name, '') as prefecture_name,
        counties.province_name,
        nullif(counties.aliases, '') as aliases,
        left(counties.county_code, 2) || '0000' as province_code,
        left(counties.county_code, 4) || '00' as prefecture_code,
        coalesce(documents.n_documents, 0) as n_documents,
        documents.n_documents is not null as has_documents
    from counties
    left join documents
        on counties.county_code = documents.county_code
)

select * from final
