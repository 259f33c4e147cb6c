{#- The one list of measures is the seed ref_measures: the wide marts' columns, the run
    summary and the dashboard's labels all come from it.  `comparison_measures()` reads it
    when dbt executes (the seed is built first: models that call it say `-- depends_on`);
    at parse time it returns nothing, which is all parsing needs. -#}
{% macro comparison_measures() %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows = run_query(
        "select measure, applies_to from " ~ ref('ref_measures')
        ~ " where in_comparison order by sort_order"
    ) -%}
    {%- set found = [] -%}
    {%- for row in rows.rows -%}
        {%- do found.append({'measure': row[0], 'applies_to': row[1]}) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}

{#- The status column of a measure in the wide marts: total_expenditure_yuan →
    total_expenditure_status (the unit suffix dropped). -#}
{% macro status_column(measure) -%}
    {{ measure | replace('_yuan', '') | replace('_persons', '') }}_status
{%- endmacro %}

{#- The proof column of a measure in the wide marts: total_expenditure_proof (doc col_proof). -#}
{% macro proof_column(measure) -%}
    {{ measure | replace('_yuan', '') | replace('_persons', '') }}_proof
{%- endmacro %}

{#- Value, status and proof columns of every comparison measure, pivoted from a long fact.  A
    measure with no row is not_reported where it applies; a medical-insurance measure of
    another kind of body has no status at all (it does not apply). -#}
{% macro pivot_measures() %}
    {%- for item in comparison_measures() %}
        {%- set measure = item['measure'] %}
        max(value) filter (where measure = '{{ measure }}') as {{ measure }},
        coalesce(
            max(status) filter (where measure = '{{ measure }}'),
            {%- if item['applies_to'] == 'any_body' %}
            'not_reported'
            {%- else %}
            case when bool_or(is_medical_insurance) then 'not_reported' end
            {%- endif %}
        ) as {{ status_column(measure) }},
        max(proof) filter (where measure = '{{ measure }}') as {{ proof_column(measure) }},
    {%- endfor %}
{% endmacro %}
