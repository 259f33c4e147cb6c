{#- The semantics of a number: NULL only with not_reported/conflicting-without-value, 0 only
    with reported_zero (or derived/conflicting), never NULL turned into 0. -#}
{% test status_matches_value(model, column_name, value_column) %}
select *
from {{ model }}
where ({{ column_name }} = 'not_reported' and {{ value_column }} is not null)
    or ({{ column_name }} in ('reported', 'reported_zero', 'derived') and {{ value_column }} is null)
    or ({{ column_name }} = 'reported_zero' and {{ value_column }} <> 0)
    or ({{ column_name }} = 'reported' and {{ value_column }} = 0)
{% endtest %}
