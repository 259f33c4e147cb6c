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
    another kind of body has no status at all (it does not apply).  A group holds at most one
    row of a measure (the long facts' ids, tested unique, are group × measure), so the three
    columns come from one aggregate of the row (DuckDB computes an aggregate written three times
    once): 30 aggregates instead of 90 filtered maxima, the pivot 0.8 → 0.5 s at 30,000
    documents. -#}
{% macro pivot_measures() %}
    {%- for item in comparison_measures() %}
        {%- set measure = item['measure'] %}
        {%- set row = "(any_value({'value': value, 'status': status, 'proof': proof})"
            ~ " filter (where measure = '" ~ measure ~ "'))" %}
        {{ row }}.value as {{ measure }},
        coalesce(
            {{ row }}.status,
            {%- if item['applies_to'] == 'any_body' %}
            'not_reported'
            {%- else %}
            case when bool_or(is_medical_insurance) then 'not_reported' end
            {%- endif %}
        ) as {{ status_column(measure) }},
        {{ row }}.proof as {{ proof_column(measure) }},
    {%- endfor %}
{% endmacro %}

{#- The measures of context (ref_measures rows with a derivation): per resident, coverage and
    in constant prices, each computed from its base measure (derived_from) and the body-year's
    denominators (int_body_years_contextualised).  Read when dbt executes, like
    comparison_measures(). -#}
{% macro context_measures() %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows = run_query(
        "select measure, derivation, derived_from from " ~ ref('ref_measures')
        ~ " where derivation is not null and derivation <> '' order by sort_order"
    ) -%}
    {%- set found = [] -%}
    {%- for row in rows.rows -%}
        {%- do found.append({'measure': row[0], 'derivation': row[1], 'derived_from': row[2]}) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}

{#- One column per context measure.  `figures` holds the base measures (wide), `context` the
    population and price deflator; a missing denominator gives NULL (its reason is in
    population_null_reason / real_terms_null_reason), never 0.  Per-resident money keeps two
    decimals (yuan), coverage four (a ratio). -#}
{% macro derive_context_measures(figures, context) %}
    {%- for item in context_measures() %}
        {%- set base = figures ~ '.' ~ item['derived_from'] %}
        {%- if item['derivation'] == 'per_resident' %}
        cast(round({{ base }} / {{ context }}.population, 2) as decimal(18, 2))
        {%- elif item['derivation'] == 'coverage' %}
        cast(round({{ base }} / {{ context }}.population, 4) as decimal(18, 4))
        {%- elif item['derivation'] == 'real' %}
        cast(round({{ base }} * {{ context }}.price_deflator, 2) as decimal(18, 2))
        {%- elif item['derivation'] == 'per_resident_real' %}
        cast(
            round({{ base }} * {{ context }}.price_deflator / {{ context }}.population, 2)
            as decimal(18, 2)
        )
        {%- else %}
        {{ exceptions.raise_compiler_error('unknown derivation ' ~ item['derivation']) }}
        {%- endif %} as {{ item['measure'] }},
    {%- endfor %}
{% endmacro %}
