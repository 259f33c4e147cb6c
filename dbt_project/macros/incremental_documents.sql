{#- The large facts are incremental models keyed by document (`delete+insert` on doc_id): a
    document's rows depend only on its own bytes and on its `document_state`
    (int_documents_ranked).  On an incremental run only the primary documents whose state is
    new or changed are computed, and the rows of documents that are no longer primary (removed,
    or superseded by another copy) are deleted.  A change of parser or models rebuilds
    everything: medins/build.py decides (--full-refresh). -#}

{#- The primary documents to compute in this run. -#}
{% macro documents_to_compute() %}
    select documents.*
    from {{ ref('int_documents_ranked') }} as documents
    {%- if is_incremental() %}
    left join (select distinct doc_id, document_state from {{ this }}) as built
        on documents.doc_id = built.doc_id
    where documents.is_primary
        and built.document_state is distinct from documents.document_state
    {%- else %}
    where documents.is_primary
    {%- endif %}
{% endmacro %}

{#- Post-hook: drop the rows of documents that are no longer primary. -#}
{% macro delete_documents_not_counted() %}
    delete from {{ this }}
    where doc_id not in (
        select doc_id from {{ ref('int_documents_ranked') }} where is_primary
    )
{% endmacro %}
