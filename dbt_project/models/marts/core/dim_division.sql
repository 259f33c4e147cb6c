-- Administrative divisions through time (GB/T 2260, ref_divisions): one row per code and name
-- per validity period, with what became of it and where it came from.  `division_key` stays
-- the same across renames, upgrades (县→区/市) and re-codings, so a series continues; a
-- merger or a split starts a new key and is shown here, never continued silently.
with divisions as (
    select * from {{ ref('ref_divisions') }}
),

successors as (
    select
        divisions.division_code,
        divisions.valid_to,
        unnest(string_split(divisions.successor_codes, '|')) as successor_code
    from divisions
    where divisions.successor_codes is not null
),

predecessors as (
    select
        successor_code as division_code,
        string_agg(division_code, '|' order by division_code) as predecessor_codes,
        max(valid_to) as predecessors_ended
    from successors
    where successor_code <> division_code
    group by successor_code
),

-- census population of the division's series (a 县 that became a 区 keeps it); a division no
-- census table lists has NULL, never 0
census as (
    select
        division_key,
        max(resident_population) filter (where population_year = 2010) as population_census_2010,
        max(resident_population) filter (where population_year = 2020) as population_census_2020
    from {{ ref('int_population_matched_to_series') }}
    where population_kind = 'census'
    group by division_key
),

final as (
    select
        divisions.division_code || '-' || divisions.valid_from as division_record_id,
        divisions.division_code,
        divisions.division_name,
        divisions.level as division_level,
        divisions.division_key,
        nullif(divisions.province_code, '') as province_code,
        nullif(divisions.province_name, '') as province_name,
        nullif(divisions.prefecture_code, '') as prefecture_code,
        nullif(divisions.prefecture_name, '') as prefecture_name,
        divisions.valid_from,
        divisions.valid_to,
        divisions.valid_to is null as is_current,
        row_number() over (
            partition by divisions.division_code order by divisions.valid_from desc
        ) = 1 as is_latest_record,
        nullif(divisions.successor_codes, '') as successor_codes,
        nullif(divisions.change_kind, '') as change_kind,
        -- divisions that ended into this one while it was valid (or as it began)
        case
            when predecessors.predecessors_ended + 1 between divisions.valid_from
                and coalesce(divisions.valid_to, 9999)
                then predecessors.predecessor_codes
        end as predecessor_codes,
        nullif(divisions.aliases, '') as aliases,
        census.population_census_2010,
        census.population_census_2020
    from divisions
    left join predecessors
        on divisions.division_code = predecessors.division_code
    left join census
        on divisions.division_key = census.division_key
)

select * from final
