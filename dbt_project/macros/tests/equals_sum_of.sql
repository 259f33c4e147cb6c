{#- Accounting identity: a column equals the sum of others (NULL parts count as 0), within
    a tolerance of `tolerance` yuan.  Used on the warehouse's own arithmetic; a document's
    broken identities are reported by mart_source_inconsistencies instead. -#}
{% test equals_sum_of(model, column_name, parts, tolerance=0.01, where_clause='true') %}
select *
from {{ model }}
where ({{ where_clause }})
    and {{ column_name }} is not null
    and abs({{ column_name }} - ({% for part in parts %}coalesce({{ part }}, 0){% if not loop.last %} + {% endif %}{% endfor %})) > {{ tolerance }}
{% endtest %}
