-- Every document with its budgeting body and whether its figures are the ones counted.
-- A body publishes one budget per scope and year (部门预算, the department consolidated; 单位预算,
-- one unit's own); the same disclosure may also arrive twice (text and PDF, a re-published
-- copy).  Figures come from one primary document per body × scope × year, so nothing is
-- counted twice, and the 部门预算 feeds the comparisons of a body-year when there is one.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

body_kinds as (
    select * from {{ ref('ref_body_kinds') }}
),

budget_lines as (
    select doc_id from {{ ref('stg_raw__budget_lines') }}
),

narrative_facts as (
    select doc_id from {{ ref('stg_raw__narrative_facts') }}
),

projects as (
    select doc_id from {{ ref('stg_raw__projects') }}
),

three_public as (
    select doc_id from {{ ref('stg_raw__three_public') }}
),

figures as (
    select doc_id from budget_lines
    union all
    select doc_id from narrative_facts
    union all
    select doc_id from projects
    union all
    select doc_id from three_public
),

figures_per_document as (
    select
        doc_id,
        count(*) as n_figures
    from figures
    group by doc_id
),

-- a body's kind depends on its name alone: matched once per distinct name (a body publishes
-- every year, so 30,000 documents hold a few thousand names; every pattern tried on every
-- document was ~1.5 s of each build at that size)
kinds as (
    select
        stems.body_stem,
        body_kinds.body_kind,
        body_kinds.is_medical_insurance
    from (select distinct body_stem from documents) as stems
    inner join body_kinds
        on regexp_matches(stems.body_stem, body_kinds.name_pattern)
    qualify row_number() over (
            partition by stems.body_stem order by body_kinds.priority, body_kinds.body_kind
        ) = 1
),

with_body as (
    select
        documents.*,
        documents.body_id || '-' || documents.scope as body_scope_id,
        kinds.body_kind,
        kinds.is_medical_insurance,
        documents.division_level = 'county' and kinds.is_medical_insurance
            as is_county_medical_insurance,
        coalesce(figures_per_document.n_figures, 0) as n_figures
    from documents
    inner join kinds
        on documents.body_stem = kinds.body_stem
    left join figures_per_document
        on documents.doc_id = figures_per_document.doc_id
),

ranked as (
    select
        *,
        count(*) over (
            partition by body_scope_id, fiscal_year, document_kind
        ) as n_documents_in_body_year,
        row_number() over (
            -- a body's 部门预算 and its 部门决算 of one year are two documents, both counted
            partition by body_scope_id, fiscal_year, document_kind
            order by
                n_figures desc,
                case source_format when 'pdf' then 0 else 1 end asc,
                doc_id asc
        ) as rank_in_body_year
    from with_body
),

scoped as (
    select
        *,
        rank_in_body_year = 1 as is_primary,
        first_value(doc_id) over (
            partition by body_scope_id, fiscal_year, document_kind order by rank_in_body_year
        ) as primary_doc_id,
        -- the department budget feeds the body-year's comparisons; a unit budget only when
        -- it is all there is
        min(case scope when 'department' then 0 else 1 end)
            over (
                partition by body_id, fiscal_year, document_kind
            )
        = case scope when 'department' then 0 else 1
        end as is_default_scope
    from ranked
),

final as (
    select
        *,
        is_primary and is_default_scope as feeds_comparisons,
        -- what a document's rows in the incremental facts depend on besides its own bytes: when
        -- it changes (another copy became primary, a 部门预算 arrived), its rows are recomputed
        md5(concat_ws(
            '|', is_primary, is_primary and is_default_scope, body_scope_id, fiscal_year,
            division_code, county_code, parser_version
        )) as document_state,
        case
            when not is_primary
                then 'superseded: another document of the same body, scope and year gave more '
                    || 'figures (or is the PDF original); its figures are not counted twice'
            when not is_default_scope
                then 'primary for its 单位预算 (unit budget); the 部门预算 of the same body and '
                    || 'year feeds the comparisons'
            when n_documents_in_body_year = 1 and scope = 'unit'
                then 'only document for this body and year; a 单位预算 (unit budget), used '
                    || 'because no 部门预算 was ingested'
            when n_documents_in_body_year = 1
                then 'only document for this body, scope and year'
            else 'primary: the most figures were read from it (' || n_figures || ') among '
                || n_documents_in_body_year || ' documents for this body, scope and year; PDF '
                || 'preferred on a tie'
        end as selection_reason
    from scoped
)

select * from final
