{#- The large facts are incremental models keyed by document (`delete+insert` on doc_id): a
    document's rows depend only on its own bytes and on its `document_state`
    (int_documents_ranked).  On an incremental run only the primary documents whose state is
    new or changed are computed, and the rows of documents that are no longer primary (removed,
    or superseded by another copy) are deleted.  A change of parser or models rebuilds
    everything: medins/build.py decides (--full-refresh). -#}

{#- The documents to compute in this run: the primary ones, or with `every_document` all of
    them (a model that keeps the rows of superseded copies too, flagged by is_primary). -#}
{% macro documents_to_compute(every_document=false) %}
    select documents.*
    from {{ ref('int_documents_ranked') }} as documents
    {%- if is_incremental() %}
    left join (select distinct doc_id, document_state from {{ this }}) as built
        on documents.doc_id = built.doc_id
    where built.document_state is distinct from documents.document_state
        {%- if not every_document %}
        and documents.is_primary
        {%- endif %}
    {%- elif not every_document %}
    where documents.is_primary
    {%- endif %}
{% endmacro %}

{#- Post-hook: drop the rows of documents that are no longer primary (with `every_document`:
    no longer there). -#}
{% macro delete_documents_not_counted(every_document=false) %}
    delete from {{ this }}
    where doc_id not in (
        select doc_id from {{ ref('int_documents_ranked') }}
        {%- if not every_document %} where is_primary{% endif %}
    )
{% endmacro %}
