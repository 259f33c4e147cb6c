-- A superseded copy (the text version of a PDF, a re-published file) never feeds a fact.
with fact_documents as (
    select doc_id, 'fct_budget_line' as model from {{ ref('fct_budget_line') }}
    union all
    select doc_id, 'fct_project' from {{ ref('fct_project') }}
    union all
    select doc_id, 'fct_enrollment' from {{ ref('fct_enrollment') }}
)

select fact_documents.*
from fact_documents
inner join {{ ref('dim_document') }} as documents
    on fact_documents.doc_id = documents.doc_id
where not documents.is_primary
