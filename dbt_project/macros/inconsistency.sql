{#- The columns every check model returns, in one order, so mart_source_inconsistencies can
    stack them: one row per contradiction a source document (or two documents) makes.
    `inconsistency_id` hashes what makes the contradiction itself, not where it was read. -#}
{% macro inconsistency(
    check_name, body_scope_id, fiscal_year, doc_id, subject, description,
    value_a, label_a, value_b, label_b, line_a, snippet_a, line_b, snippet_b
) %}
        {#- a name mart_source_inconsistencies would refuse fails the compile, not a build on
            the day two documents first contradict each other that way -#}
        {%- set known_checks = var('inconsistency_checks') %}
        {#- (a string only under sqlfluff's templater, which has no list of vars to check) -#}
        {%- if known_checks is not string and check_name not in known_checks %}
            {{ exceptions.raise_compiler_error(
                "check_name '" ~ check_name ~ "' is not in the var inconsistency_checks of "
                ~ "dbt_project.yml: add it there"
            ) }}
        {%- endif %}
        md5(concat_ws(
            '|', '{{ check_name }}', {{ body_scope_id }}, cast({{ fiscal_year }} as varchar),
            {{ doc_id }}, {{ subject }}, cast({{ value_a }} as varchar),
            cast({{ value_b }} as varchar)
        )) as inconsistency_id,
        {{ body_scope_id }} as body_scope_id,
        {{ fiscal_year }} as fiscal_year,
        {{ doc_id }} as doc_id,
        '{{ check_name }}' as check_name,
        {{ subject }} as subject,
        {{ description }} as description,
        cast({{ value_a }} as decimal(18, 2)) as value_a,
        {{ label_a }} as label_a,
        cast({{ value_b }} as decimal(18, 2)) as value_b,
        {{ label_b }} as label_b,
        cast({{ line_a }} as integer) as line_a,
        cast({{ snippet_a }} as varchar) as snippet_a,
        cast({{ line_b }} as integer) as line_b,
        cast({{ snippet_b }} as varchar) as snippet_b
{% endmacro %}
