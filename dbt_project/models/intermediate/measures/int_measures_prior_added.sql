-- Adds last year's figures derived from stated changes, where no document of that year gives
-- them.  When one does, the document wins and any disagreement is an inconsistency.
with current_values as (
    select * from {{ ref('int_measures_completed') }}
),

stated_changes as (
    select * from {{ ref('int_stated_changes_implied') }}
    where prior_value is not null
),

derived_prior as (
    select
        stated_changes.body_scope_id,
        stated_changes.compared_year as fiscal_year,
        stated_changes.measure,
        stated_changes.prior_value as value,
        'derived' as status,
        'stated_change' as source_kind,
        stated_changes.doc_id,
        stated_changes.page,
        stated_changes.line,
        stated_changes.sentence as snippet,
        stated_changes.fiscal_year || ' value ' || stated_changes.current_value
        || case stated_changes.direction
            when 'increase' then ' − increase ' || stated_changes.change_yuan
            when 'decrease' then ' + decrease ' || stated_changes.change_yuan
            else ' (unchanged)'
        end as basis,
        count(distinct stated_changes.prior_value) over (
            partition by
                stated_changes.body_scope_id, stated_changes.compared_year,
                stated_changes.measure
        ) as n_distinct_values,
        row_number() over (
            partition by
                stated_changes.body_scope_id, stated_changes.compared_year,
                stated_changes.measure
            -- a total order (document, page, line, position on the line): three sentences on
            -- line 4 of three pages once chose differently in a full and an incremental build
            order by
                stated_changes.fiscal_year, stated_changes.doc_id,
                stated_changes.page nulls first, stated_changes.line, stated_changes.fact_seq,
                stated_changes.stated_change_id
        ) as preference
    from stated_changes
    left join current_values
        on stated_changes.body_scope_id = current_values.body_scope_id
        and stated_changes.compared_year = current_values.fiscal_year
        and stated_changes.measure = current_values.measure
    where current_values.value is null
),

final as (
    select * from current_values
    union all
    select
        body_scope_id || '-' || fiscal_year || '-' || measure as body_measure_id,
        body_scope_id,
        fiscal_year,
        measure,
        value,
        case when n_distinct_values > 1 then 'conflicting' else status end as status,
        source_kind,
        doc_id,
        page,
        line,
        snippet,
        basis,
        n_distinct_values,
        cast(null as decimal(18, 4)) as precision_yuan
    from derived_prior
    where preference = 1
)

select * from final
