-- depends_on: {{ ref('ref_measures') }}, {{ ref('mart_county_year_comparison') }}
-- depends_on: {{ ref('mart_body_year_comparison') }}, {{ ref('fct_county_measure') }}
-- depends_on: {{ ref('fct_body_measure') }}
-- The wide marts show exactly the long facts' values and statuses, for every generated column:
-- each wide mart (its series key) against the long fact it pivots.
{%- set measures = comparison_measures() %}
{%- set marts = [
    ('county', 'mart_county_year_comparison', 'county_code', 'fct_county_measure'),
    ('body', 'mart_body_year_comparison', 'body_scope_id', 'fct_body_measure'),
] %}
{%- if measures %}
with
{%- for mart, wide_mart, series, long_fact in marts %}
{{ mart }}_wide as (
    {%- for item in measures %}
    select
        {{ series }},
        fiscal_year,
        '{{ item['measure'] }}' as measure,
        {{ item['measure'] }} as value,
        {{ status_column(item['measure']) }} as status
    from {{ ref(wide_mart) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

{{ mart }}_differences as (
    select
        '{{ mart }}' as mart,
        {{ mart }}_wide.{{ series }} as series,
        {{ mart }}_wide.fiscal_year,
        {{ mart }}_wide.measure
    from {{ mart }}_wide
    left join {{ ref(long_fact) }} as facts
        on {{ mart }}_wide.{{ series }} = facts.{{ series }}
        and {{ mart }}_wide.fiscal_year = facts.fiscal_year
        and {{ mart }}_wide.measure = facts.measure
        and facts.phase = 'budget'
    where {{ mart }}_wide.value is distinct from facts.value
        or (facts.status is not null and {{ mart }}_wide.status is distinct from facts.status)
){% if not loop.last %},{% endif %}
{% endfor %}

select * from county_differences
union all
select * from body_differences
{%- else %}
    select 1 as parse_time_placeholder where false
{%- endif %}
