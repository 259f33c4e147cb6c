-- depends_on: {{ ref('int_documents_ranked') }}
-- The standard budget tables of the primary documents: document × table × row × column, in
-- yuan.  subject_code keys dim_function_subject or dim_economic_subject by subject_scheme.
-- Incremental, keyed by document (macros/incremental_documents.sql).
with documents as (
    {{ documents_to_compute() }}
),

budget_lines as (
    select * from {{ ref('int_budget_lines_counted') }}
    where doc_id in (select documents.doc_id from documents)
),

line_proof as (
    select * from {{ ref('int_budget_lines_proven') }}
    where doc_id in (select documents.doc_id from documents)
),

proven as (
    select
        budget_lines.*,
        line_proof.proof,
        line_proof.proof_page,
        line_proof.proof_line,
        line_proof.proof_source
    from budget_lines
    left join line_proof
        on budget_lines.budget_line_id = line_proof.budget_line_id
),

final as (
    select
        budget_line_id,
        doc_id,
        body_id,
        body_scope_id,
        scope,
        division_code,
        county_code,
        fiscal_year,
        feeds_comparisons,
        table_kind,
        table_title,
        row_number,
        row_label,
        row_key,
        subject_scheme,
        subject_code,
        case subject_scheme when 'function' then subject_code end as function_subject_code,
        case subject_scheme when 'economic' then subject_code end as economic_subject_code,
        length(subject_code) as subject_code_length,
        side,
        column_name,
        column_label,
        amount_source,
        amount_text,
        money_unit,
        amount_yuan,
        case when amount_yuan = 0 then 'reported_zero' else 'reported' end as status,
        is_column_inferred,
        page,
        line,
        snippet,
        document_state,
        proof,
        proof_page,
        proof_line,
        proof_source,
        phase
    from proven
)

select * from final
