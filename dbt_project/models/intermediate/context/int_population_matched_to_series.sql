-- Resident population per division series (division_key) and year: the census rows of
-- ref_population (2010 and 2020, codes of the census year) and any annual rows a user appended,
-- each matched to the division valid in its year, so a 县 that became a 区 keeps its population
-- under its series.  A merger starts a new series: its parts' populations are not summed.
with population as (
    select * from {{ ref('ref_population') }}
),

divisions as (
    select * from {{ ref('ref_divisions') }}
),

final as (
    select
        divisions.division_key || '-' || population.population_kind || '-'
        || population.population_year as population_id,
        divisions.division_key,
        population.division_code,
        divisions.division_name,
        population.population_year,
        population.resident_population,
        population.population_kind,
        case
            when population.population_kind = 'census'
                then 'census_' || population.population_year
            else 'annual: ' || population.source
        end as population_source,
        population.source
    from population
    inner join divisions
        on population.division_code = divisions.division_code
        and population.population_year >= divisions.valid_from
        and population.population_year <= coalesce(divisions.valid_to, 9999)
)

select * from final
