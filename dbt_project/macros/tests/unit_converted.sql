{#- Every row with a source amount has its converted value: the unit was one we know. -#}
{% test unit_converted(model, column_name, source_column) %}
select *
from {{ model }}
where {{ source_column }} is not null
    and {{ column_name }} is null
{% endtest %}
