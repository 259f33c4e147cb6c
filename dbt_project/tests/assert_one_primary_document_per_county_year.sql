-- Figures of a county-year come from exactly one document (no double counting).
select county_code, fiscal_year, count(*) filter (where is_primary) as n_primary
from {{ ref('int_documents_ranked') }}
group by county_code, fiscal_year
having count(*) filter (where is_primary) <> 1
