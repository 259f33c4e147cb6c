{#- Money in the source unit → yuan, DECIMAL(18,2).  An unknown unit gives NULL (and the
    `unit_converted` test fails the build), never a guess. -#}
{% macro to_yuan(amount, unit) -%}
    cast(
        {{ amount }} * case {{ unit }} when '万元' then 10000 when '元' then 1 end
        as decimal(18, 2)
    )
{%- endmacro %}

{#- Counts: 万人 × 10,000; persons stay persons. -#}
{% macro to_persons(amount, unit) -%}
    cast({{ amount }} * case {{ unit }} when '万人' then 10000 when '人' then 1 end as decimal(18, 2))
{%- endmacro %}
