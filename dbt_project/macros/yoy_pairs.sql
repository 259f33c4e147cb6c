{#- Each figure of a series against the nearest earlier year with a figure of the same series
    and measure.  `series` keys the series (division_key, body_scope_id), `code` is the
    division code of each year (it may change along a series), `id_prefix` starts the key.
    The earlier figure is the last row of a window over the years strictly before (RANGE ...
    1 PRECEDING on the integer year), taken as one struct so every prior column comes from the
    same row: one sort per series, where a join of each year to every earlier one and a rank
    over the pairs cost ~3x as much (1.3 s against 0.4 s for the county marts of 30,000
    documents, the same rows). -#}
{% macro yoy_pairs(relation, series, code, id_prefix) %}
    with with_prior as (
        select
            *,
            last_value({
                'fiscal_year': fiscal_year,
                'value': value,
                'status': status,
                'code': {{ code }},
                'source_kind': source_kind,
                'basis': basis,
                'doc_id': doc_id
            }) over (
                partition by {{ series }}, measure
                order by fiscal_year
                range between unbounded preceding and 1 preceding
            ) as prior
        from {{ relation }}
    )

    select
        current_year.{{ id_prefix }} || '-' || current_year.measure || '-'
        || current_year.fiscal_year as yoy_id,
        current_year.{{ series }}{% if series != id_prefix %},
        current_year.{{ id_prefix }}{% endif %},
        {%- if code != id_prefix %}
        current_year.{{ code }},
        {%- endif %}
        current_year.prior.code as prior_{{ code }},
        current_year.{{ code }} <> current_year.prior.code as is_code_changed,
        current_year.measure,
        current_year.unit,
        current_year.fiscal_year,
        current_year.value,
        current_year.status,
        current_year.prior.fiscal_year as prior_year,
        current_year.prior.value as prior_value,
        current_year.prior.status as prior_status,
        current_year.value - current_year.prior.value as abs_change,
        case
            when current_year.prior.value <> 0
                then cast(
                    round((current_year.value - current_year.prior.value) / abs(current_year.prior.value) * 100, 2)
                    as decimal(18, 2)
                )
        end as pct_change,
        current_year.fiscal_year - current_year.prior.fiscal_year as years_apart,
        case
            when current_year.prior.source_kind = 'stated_change' then 'stated_change'
            else 'document'
        end as prior_source,
        -- enrollment figures of different kinds (预计 vs 参保) are not like for like
        case
            when current_year.measure like '%enrollment_persons'
                then split_part(current_year.basis, ' ', 1) = split_part(current_year.prior.basis, ' ', 1)
            else true
        end as is_like_for_like,
        case
            when current_year.unit in ('yuan', 'yuan_per_person')
                and current_year.prior.value * prior_prices.price_deflator <> 0
                then cast(
                    round(
                        (current_year.value * current_prices.price_deflator
                            - current_year.prior.value * prior_prices.price_deflator)
                        / abs(current_year.prior.value * prior_prices.price_deflator) * 100,
                        2
                    ) as decimal(18, 2)
                )
        end as real_pct_change,
        case
            when current_year.unit in ('yuan', 'yuan_per_person')
                then cast(
                    round(
                        current_year.value * current_prices.price_deflator
                        - current_year.prior.value * prior_prices.price_deflator,
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
                then 'no national CPI chained for ' || current_year.prior.fiscal_year
        end as real_change_null_reason,
        current_year.basis,
        current_year.prior.basis as prior_basis,
        current_year.doc_id,
        current_year.prior.doc_id as prior_doc_id
    from with_prior as current_year
    left join {{ ref('int_cpi_chained') }} as current_prices
        on current_year.fiscal_year = current_prices.fiscal_year
    left join {{ ref('int_cpi_chained') }} as prior_prices
        on current_year.prior.fiscal_year = prior_prices.fiscal_year
    where current_year.prior is not null
{% endmacro %}
