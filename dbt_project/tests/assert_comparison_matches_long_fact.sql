-- depends_on: {{ ref('ref_measures') }}, {{ ref('mart_county_year_comparison') }}
-- depends_on: {{ ref('mart_body_year_comparison') }}, {{ ref('fct_county_measure') }}
-- depends_on: {{ ref('fct_body_measure') }}
-- The wide marts show exactly the long facts' values and statuses, for every generated column.
{%- set measures = comparison_measures() %}
{%- if measures %}
with county_wide as (
    {%- for item in measures %}
    select
        county_code,
        fiscal_year,
        '{{ item['measure'] }}' as measure,
        {{ item['measure'] }} as value,
        {{ status_column(item['measure']) }} as status
    from {{ ref('mart_county_year_comparison') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

body_wide as (
    {%- for item in measures %}
    select
        body_scope_id,
        fiscal_year,
        '{{ item['measure'] }}' as measure,
        {{ item['measure'] }} as value,
        {{ status_column(item['measure']) }} as status
    from {{ ref('mart_body_year_comparison') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

county_differences as (
    select
        'county' as mart,
        county_wide.county_code as series,
        county_wide.fiscal_year,
        county_wide.measure
    from county_wide
    left join {{ ref('fct_county_measure') }} as facts
        on county_wide.county_code = facts.county_code
        and county_wide.fiscal_year = facts.fiscal_year
        and county_wide.measure = facts.measure
        and facts.phase = 'budget'
    where county_wide.value is distinct from facts.value
        or (facts.status is not null and county_wide.status is distinct from facts.status)
),

body_differences as (
    select
        'body' as mart,
        body_wide.body_scope_id as series,
        body_wide.fiscal_year,
        body_wide.measure
    from body_wide
    left join {{ ref('fct_body_measure') }} as facts
        on body_wide.body_scope_id = facts.body_scope_id
        and body_wide.fiscal_year = facts.fiscal_year
        and body_wide.measure = facts.measure
        and facts.phase = 'budget'
    where body_wide.value is distinct from facts.value
        or (facts.status is not null and body_wide.status is distinct from facts.status)
)

select * from county_differences
union all
select * from body_differences
{%- else %}
    select 1 as parse_time_placeholder where false
{%- endif %}
