-- The standard budget tables of the primary documents: document × table × row × column, in
-- yuan.  subject_code keys dim_function_subject or dim_economic_subject by subject_scheme.
with budget_lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
),

documents as (
    select * from {{ ref('int_documents_ranked') }}
    where is_primary
),

final as (
    select
        budget_lines.budget_line_id,
        budget_lines.doc_id,
        documents.county_code,
        documents.fiscal_year,
        budget_lines.table_kind,
        budget_lines.table_title,
        budget_lines.row_number,
        budget_lines.row_label,
        budget_lines.row_key,
        budget_lines.subject_scheme,
        budget_lines.subject_code,
        case budget_lines.subject_scheme when 'function' then budget_lines.subject_code end
        as function_subject_code,
        case budget_lines.subject_scheme when 'economic' then budget_lines.subject_code end
        as economic_subject_code,
        length(budget_lines.subject_code) as subject_code_length,
        budget_lines.side,
        budget_lines.column_name,
        budget_lines.column_label,
        budget_lines.amount_source,
        budget_lines.amount_text,
        budget_lines.money_unit,
        budget_lines.amount_yuan,
        case when budget_lines.amount_yuan = 0 then 'reported_zero' else 'reported' end as status,
        budget_lines.is_column_inferred,
        budget_lines.page,
        budget_lines.line,
        budget_lines.snippet
    from budget_lines
    inner join documents
        on budget_lines.doc_id = documents.doc_id
)

select * from final
