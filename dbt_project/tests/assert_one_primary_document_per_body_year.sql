-- Figures of a body, scope and year come from exactly one document (no double counting).
select
    body_scope_id,
    fiscal_year,
    count(*) filter (where is_primary) as n_primary
from {{ ref('int_documents_ranked') }}
group by body_scope_id, fiscal_year
having count(*) filter (where is_primary) <> 1
