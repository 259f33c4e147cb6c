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

{#- Half a unit of the last digit printed, in yuan: how far a figure may lie from another
    printing of the same amount (371,514,655.00元 in a table is 37,151.47万元 in prose).
    Two printings of one thing agree when they are closer than the coarser one's precision. -#}
{% macro printed_precision(amount_text, unit) -%}
    cast(
        0.5 * power(10, -length(coalesce(regexp_extract({{ amount_text }}, '\.(\d+)', 1), '')))
        * case {{ unit }} when '万元' then 10000 else 1 end
        as decimal(18, 4)
    )
{%- endmacro %}
