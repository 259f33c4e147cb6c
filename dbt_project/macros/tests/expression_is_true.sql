{#- A row-level invariant of the warehouse (not of the documents): returns violating rows. -#}
{% test expression_is_true(model, expression, where_clause='true', column_name=none) %}
select *
from {{ model }}
where ({{ where_clause }})
    and not coalesce(({{ expression }}), false)
{% endtest %}
