-- Year-over-year change per county × measure: each figure against the nearest earlier year
-- with a figure of the same division series (division_key), so 崇明县 2015 and 崇明区 2017 are
-- compared and is_code_changed says so.  prior_source says where the earlier figure came
-- from: 'document' (a document of that year, or arithmetic of one) or 'stated_change'
-- (derived from a later document's "较上年增加/减少…" sentence).
with measures as (
    select * from {{ ref('fct_county_measure') }}
    where value is not null
        and phase = 'budget'
        and status in ('reported', 'reported_zero', 'derived', 'conflicting')
),

final as (
    {{ yoy_pairs('measures', 'division_key', 'county_code', 'county_code') }}
)

select * from final
