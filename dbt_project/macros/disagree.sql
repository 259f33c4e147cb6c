{#- Two printings of one amount disagree when they lie further apart than the coarser one's
    printed precision (see printed_precision): 371,514,655.00元 and 37,151.47万元 agree. -#}
{% macro disagree(value_a, precision_a, value_b, precision_b) -%}
    abs({{ value_a }} - {{ value_b }}) > greatest(
        coalesce({{ precision_a }}, 0), coalesce({{ precision_b }}, 0)
    )
{%- endmacro %}
