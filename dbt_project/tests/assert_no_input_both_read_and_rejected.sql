-- Every input ends up in exactly one place: documents or rejected.
select documents.doc_id
from {{ ref('stg_raw__documents') }} as documents
inner join {{ ref('stg_raw__rejected') }} as rejected
    on documents.doc_id = rejected.sha256
