-- County-level divisions (GB/T 2260) from the extendable seed ref_divisions, one row per code
-- with its latest name, and whether documents of its medical-insurance bureau were ingested.
with divisions as (
    select * from {{ ref('dim_division') }}
    where division_level = 'county'
        and is_latest_record
),

documents as (
    select
        division_code,
        count(*) as n_documents
    from {{ ref('int_documents_ranked') }}
    where is_county_medical_insurance
    group by division_code
),

final as (
    select
        divisions.division_code as county_code,
        divisions.division_name as county_name,
        divisions.division_key,
        divisions.prefecture_code,
        divisions.prefecture_name,
        divisions.province_code,
        divisions.province_name,
        divisions.valid_from,
        divisions.valid_to,
        divisions.change_kind,
        divisions.successor_codes,
        divisions.aliases,
        divisions.population_census_2010,
        divisions.population_census_2020,
        coalesce(documents.n_documents, 0) as n_documents,
        documents.n_documents is not null as has_documents
    from divisions
    left join documents
        on divisions.division_code = documents.division_code
)

select * from final
