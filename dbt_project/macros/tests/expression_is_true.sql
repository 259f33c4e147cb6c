{#- A row-level invariant of the warehouse (not of the documents): returns violating rows. -#}
{% test expression_is_true(model, expression, where_clause='true') %}
select *
from {{ model }}
where ({{ where_clause }})
    and not coalesce(({{ expression }}), false)
{% endtest %}
