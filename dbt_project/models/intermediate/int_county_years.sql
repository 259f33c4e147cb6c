-- Every county-year any document speaks of: budget years and the years of stated figures
-- (last year's enrollment, a change against 2020, assets at the end of last year).
with documents as (
    select
county_code,
fiscal_year
from {{ ref('int_documents_ranked') }}
),

measures as (
    select
county_code,
fiscal_year
from {{ ref('int_county_measures_with_prior') }}
),

enrollment as (
    select
county_code,
fiscal_year
from {{ ref('int_enrollment_candidates') }}
),

unioned as (
    select * from documents
    union
    select * from measures
    union
    select * from enrollment
),

final as (
    select distinct
        county_code,
        fiscal_year,
        county_code || '-' || fiscal_year as county_year_id
    from unioned
    where county_code is not null
        and fiscal_year is not null
)

select * from final
