{#- A subject dimension (功能分类 or 经济分类) from the subjects the documents print: the name
    most documents use, and the hierarchy read from the code (3 digits 类, 5 款, 7 项). -#}
{% macro subject_dimension(scheme) %}
with lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where subject_scheme = '{{ scheme }}'
        and subject_code is not null
),

names as (
    select
        subject_code,
        row_label,
        count(*) as n_rows,
        row_number() over (partition by subject_code order by count(*) desc, row_label)
        as preference
    from lines
    group by subject_code, row_label
),

final as (
    select
        subject_code as {{ scheme }}_subject_code,
        row_label as subject_name,
        length(subject_code) as code_length,
        case length(subject_code) when 3 then 'class' when 5 then 'section' else 'item' end
        as level,
        case length(subject_code) when 3 then '类' when 5 then '款' else '项' end as level_zh,
        case when length(subject_code) > 3 then left(subject_code, length(subject_code) - 2) end
        as parent_code,
        left(subject_code, 3) as class_code
    from names
    where preference = 1
)

select * from final
{% endmacro %}
