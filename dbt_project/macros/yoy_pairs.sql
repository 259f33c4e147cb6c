{#- Each figure of a series against the nearest earlier year with a figure of the same series
    and measure.  `series` keys the series (division_key, body_scope_id), `code` is the
    division code of each year (it may change along a series), `id_prefix` starts the key. -#}
{% macro yoy_pairs(relation, series, code, id_prefix) %}
    select
        current_year.{{ id_prefix }} || '-' || current_year.measure || '-'
        || current_year.fiscal_year as yoy_id,
        current_year.{{ series }}{% if series != id_prefix %},
        current_year.{{ id_prefix }}{% endif %},
        {%- if code != id_prefix %}
        current_year.{{ code }},
        {%- endif %}
        prior_year.{{ code }} as prior_{{ code }},
        current_year.{{ code }} <> prior_year.{{ code }} as is_code_changed,
        current_year.measure,
        current_year.unit,
        current_year.fiscal_year,
        current_year.value,
        current_year.status,
        prior_year.fiscal_year as prior_year,
        prior_year.value as prior_value,
        prior_year.status as prior_status,
        current_year.value - prior_year.value as abs_change,
        case
            when prior_year.value <> 0
                then cast(
                    round((current_year.value - prior_year.value) / abs(prior_year.value) * 100, 2)
                    as decimal(18, 2)
                )
        end as pct_change,
        current_year.fiscal_year - prior_year.fiscal_year as years_apart,
        case
            when prior_year.source_kind = 'stated_change' then 'stated_change'
            else 'document'
        end as prior_source,
        -- enrollment figures of different kinds (预计 vs 参保) are not like for like
        case
            when current_year.measure like '%enrollment_persons'
                then split_part(current_year.basis, ' ', 1) = split_part(prior_year.basis, ' ', 1)
            else true
        end as is_like_for_like,
        case
            when current_year.unit in ('yuan', 'yuan_per_person')
                and prior_year.value * prior_prices.price_deflator <> 0
                then cast(
                    round(
                        (current_year.value * current_prices.price_deflator
                            - prior_year.value * prior_prices.price_deflator)
                        / abs(prior_year.value * prior_prices.price_deflator) * 100,
                        2
                    ) as decimal(18, 2)
                )
        end as real_pct_change,
        case
            when current_year.unit in ('yuan', 'yuan_per_person')
                then cast(
                    round(
                        current_year.value * current_prices.price_deflator
                        - prior_year.value * prior_prices.price_deflator,
                        2
                    ) as decimal(18, 2)
                )
        end as abs_change_real_yuan,
        current_prices.price_base_year,
        case
            when current_year.unit not in ('yuan', 'yuan_per_person')
                then 'not a money measure'
            when current_prices.price_deflator is null
                then 'no national CPI chained for ' || current_year.fiscal_year
            when prior_prices.price_deflator is null
                then 'no national CPI chained for ' || prior_year.fiscal_year
        end as real_change_null_reason,
        current_year.basis,
        prior_year.basis as prior_basis,
        current_year.doc_id,
        prior_year.doc_id as prior_doc_id
    from {{ relation }} as current_year
    inner join {{ relation }} as prior_year
        on current_year.{{ series }} = prior_year.{{ series }}
        and current_year.measure = prior_year.measure
        and current_year.fiscal_year > prior_year.fiscal_year
    left join {{ ref('int_cpi_chained') }} as current_prices
        on current_year.fiscal_year = current_prices.fiscal_year
    left join {{ ref('int_cpi_chained') }} as prior_prices
        on prior_year.fiscal_year = prior_prices.fiscal_year
    qualify row_number() over (
        partition by current_year.{{ series }}, current_year.measure, current_year.fiscal_year
        order by prior_year.fiscal_year desc
    ) = 1
{% endmacro %}
