with source as (
    select * from {{ source('raw', 'narrative_facts') }}
),

final as (
    select
        doc_id || ':' || fact_seq as fact_id,
        doc_id,
        fact_seq,
        fact_key,
        fact_kind,
        fact_year,
        compared_year,
        direction,
        amount_or_count as amount_source,
        amount_text,
        unit,
        case
            when unit in ('万元', '元') then {{ to_yuan('amount_or_count', 'unit') }}
            when unit in ('万人', '人') then {{ to_persons('amount_or_count', 'unit') }}
            when unit = '元/人' then cast(amount_or_count as decimal(18, 2))
            -- a rate of execution a 部门决算 states (完成年初预算的98.20%)
            when unit = '%' then cast(amount_or_count as decimal(18, 2))
        end as value,
        case
            when unit in ('万元', '元') then {{ printed_precision('amount_text', 'unit') }}
        end as precision_yuan,
        case
            when unit in ('万元', '元') then 'yuan'
            when unit in ('万人', '人') then 'persons'
            when unit = '元/人' then 'yuan_per_person'
            when unit = '%' then 'percent'
        end as value_unit,
        scheme,
        enrollment_kind,
        year_basis,
        case year_basis when 'stated' then 1 when 'context' then 2 else 3 end as year_basis_rank,
        source_kind,
        label,
        case when project_seq is not null then doc_id || ':' || project_seq end as project_id,
        project_code,
        project_name,
        page,
        line,
        sentence,
        coalesce(phase, 'budget') as phase
    from source
)

select * from final
