{#- Models incremental by body: a body-year's figures depend on every document of its body ×
    scope (a figure restated for last year stands in only where no document of that year
    gives one; a workbook's tables and the Word 说明 beside it combine), and on nothing of
    other bodies.  Each row carries `body_state`, a digest of every document row of its body
    × scope (int_documents_ranked, all of its columns: a document added, removed, re-read,
    superseded or re-labelled changes it).  An incremental run computes only the body-scopes
    whose state is not the one their rows were built with, appends their rows, and a
    post-hook deletes every row whose state is no longer its body's (the old rows of the
    bodies recomputed, and those of bodies whose documents are all gone).  A body-scope
    without rows is computed again on every run: it costs what its (no) rows cost.  A change
    of parser or models rebuilds everything (medins/build.py: --full-refresh). -#}

{% macro body_states() %}
    select
        documents.body_scope_id,
        md5(string_agg(md5(cast(to_json(documents) as varchar)), ',' order by documents.doc_id))
            as body_state
    from {{ ref('int_documents_ranked') }} as documents
    group by documents.body_scope_id
{% endmacro %}

{#- The body-scopes to compute in this run, with their state: every one on a full build. -#}
{% macro bodies_to_compute() %}
    select states.body_scope_id, states.body_state
    from ({{ body_states() }}) as states
    {%- if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as built
        where built.body_scope_id = states.body_scope_id
            and built.body_state = states.body_state
    )
    {%- endif %}
{% endmacro %}

{#- Post-hook: the rows whose body's documents are no longer those they were built from. -#}
{% macro delete_bodies_not_current() %}
    delete from {{ this }} as built
    where not exists (
        select 1
        from ({{ body_states() }}) as states
        where states.body_scope_id = built.body_scope_id
            and states.body_state = built.body_state
    )
{% endmacro %}
