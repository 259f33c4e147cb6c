-- Figures of a body, scope, year and kind come from exactly one document (no double counting):
-- a body's 部门预算 and its 部门决算 of the same year are two documents, one primary each.
select
    body_scope_id,
    fiscal_year,
    document_kind,
    count(*) filter (where is_primary) as n_primary
from {{ ref('int_documents_ranked') }}
group by body_scope_id, fiscal_year, document_kind
having count(*) filter (where is_primary) <> 1
