{#- One schema per layer (staging, intermediate, reference) and the marts in `main`, so
    researchers query `main.mart_county_year_comparison` without a prefix. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
