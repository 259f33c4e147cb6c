-- depends_on: {{ ref('int_documents_ranked') }}
-- What proves each budget-table line (doc 'col_proof'): 'balanced' when it is a part or the
-- total of a sum that balances in its document (类 = Σ 款, 款 = Σ 项, 合计 = Σ 类 in one
-- column; a row's total = Σ its part columns), else 'agreed' when another table or a sentence
-- of the document prints the same figure in the same phase (where: proof_page, proof_line,
-- proof_source), else 'single'.  The same sums the checks of this folder report when they
-- fail.  Incremental, keyed by document: a line's proof depends on its own document only.
with documents as (
    {{ documents_to_compute() }}
),

lines as (
    select * from {{ ref('int_budget_lines_counted') }}
    where doc_id in (select documents.doc_id from documents)
),

row_measures as (
    select * from {{ ref('ref_budget_row_measures') }}
),

narrative_facts as (
    select * from {{ ref('stg_raw__narrative_facts') }}
    where fact_kind = 'level'
        and value_unit = 'yuan'
        and doc_id in (select documents.doc_id from documents)
),

subject_lines as (
    select * from lines
    where subject_code is not null
),

-- 类 = Σ 款, 款 = Σ 项 in one table and column
families as (
    select
        parents.budget_line_id as parent_id,
        parents.doc_id,
        parents.table_kind,
        parents.column_name,
        parents.subject_scheme,
        parents.subject_code,
        parents.page,
        parents.line,
        max(parents.amount_yuan) as parent_amount,
        sum(children.amount_yuan) as children_sum,
        string_agg(children.subject_code, '+' order by children.subject_code) as children_codes
    from subject_lines as parents
    inner join subject_lines as children
        on parents.doc_id = children.doc_id
        and parents.table_kind = children.table_kind
        and parents.column_name = children.column_name
        and parents.subject_scheme = children.subject_scheme
        and length(children.subject_code) = length(parents.subject_code) + 2
        and starts_with(children.subject_code, parents.subject_code)
    group by all
),

balanced_families as (
    select * from families
    where parent_amount = children_sum
),

-- 合计 = Σ 类 in one table and column
class_sums as (
    select
        doc_id,
        table_kind,
        column_name,
        sum(amount_yuan) as classes_sum,
        string_agg(subject_code, '+' order by subject_code) as class_codes,
        min(page) as page,
        min(line) as line
    from subject_lines
    where length(subject_code) = 3
    group by all
),

balanced_totals as (
    select
        totals.budget_line_id as total_id,
        class_sums.*
    from lines as totals
    inner join class_sums
        on totals.doc_id = class_sums.doc_id
        and totals.table_kind = class_sums.table_kind
        and totals.column_name = class_sums.column_name
    where totals.row_key = 'total'
        and totals.subject_code is null
        and totals.amount_yuan = class_sums.classes_sum
),

-- a row's total column = Σ its part columns (basic + project, personnel + public …)
row_parts as (
    select
        doc_id,
        table_kind,
        row_number,
        coalesce(subject_code, row_label) as row_subject,
        count(*) filter (where column_name = 'total') as n_totals,
        max(amount_yuan) filter (where column_name = 'total') as row_total,
        sum(amount_yuan) filter (
            where column_name in (
                'basic', 'project', 'operating_expense', 'remit_superior',
                'affiliated_subsidy', 'personnel', 'public'
            )
        ) as parts_sum,
        min(page) as page,
        min(line) as line
    from lines
    where subject_scheme is not null or row_key = 'total'
    group by all
),

balanced_rows as (
    select * from row_parts
    where n_totals = 1
        and parts_sum is not null
        and row_total = parts_sum
),

balanced as (
    select
        parent_id as budget_line_id,
        page as proof_page,
        line as proof_line,
        subject_code || ' = ' || children_codes || ' (' || children_sum || ')' as proof_source
    from balanced_families
    union all
    select
        children.budget_line_id,
        balanced_families.page,
        balanced_families.line,
        'part of ' || balanced_families.subject_code || ' = ' || balanced_families.children_codes
    from subject_lines as children
    inner join balanced_families
        on children.doc_id = balanced_families.doc_id
        and children.table_kind = balanced_families.table_kind
        and children.column_name = balanced_families.column_name
        and children.subject_scheme = balanced_families.subject_scheme
        and length(children.subject_code) = length(balanced_families.subject_code) + 2
        and starts_with(children.subject_code, balanced_families.subject_code)
    union all
    select
        total_id,
        page,
        line,
        '合计 = ' || class_codes || ' (' || classes_sum || ')'
    from balanced_totals
    union all
    select
        classes.budget_line_id,
        balanced_totals.page,
        balanced_totals.line,
        'part of 合计 = ' || balanced_totals.class_codes
    from subject_lines as classes
    inner join balanced_totals
        on classes.doc_id = balanced_totals.doc_id
        and classes.table_kind = balanced_totals.table_kind
        and classes.column_name = balanced_totals.column_name
    where length(classes.subject_code) = 3
    union all
    select
        row_lines.budget_line_id,
        balanced_rows.page,
        balanced_rows.line,
        'row ' || balanced_rows.row_subject || ': total ' || balanced_rows.row_total
        || ' = Σ part columns'
    from lines as row_lines
    inner join balanced_rows
        on row_lines.doc_id = balanced_rows.doc_id
        and row_lines.table_kind = balanced_rows.table_kind
        and row_lines.row_number is not distinct from balanced_rows.row_number
        and coalesce(row_lines.subject_code, row_lines.row_label) = balanced_rows.row_subject
    where row_lines.column_name in (
            'total', 'basic', 'project', 'operating_expense', 'remit_superior',
            'affiliated_subsidy', 'personnel', 'public'
        )
),

-- the same figure in another table of the document: the same subject and column, or the
-- same measure (收支总表's 支出合计 and 支出总表's 合计)
line_measures as (
    select
        lines.*,
        row_measures.measure
    from lines
    left join row_measures
        on lines.table_kind = row_measures.table_kind
        and lines.row_key = row_measures.row_key
        and lines.column_name = row_measures.column_name
),

agreed_tables as (
    select
        this_line.budget_line_id,
        other_line.page as proof_page,
        other_line.line as proof_line,
        'the same figure in ' || other_line.table_title || ' / ' || other_line.row_label
            as proof_source
    from line_measures as this_line
    inner join line_measures as other_line
        on this_line.doc_id = other_line.doc_id
        and this_line.table_kind <> other_line.table_kind
        and this_line.amount_yuan = other_line.amount_yuan
        -- a 决算数 equal to a 年初预算数 is a coincidence of two facts, not one fact twice
        and this_line.phase = other_line.phase
        and (
            (
                this_line.subject_code = other_line.subject_code
                and this_line.subject_scheme = other_line.subject_scheme
                and this_line.column_name = other_line.column_name
            )
            or this_line.measure = other_line.measure
        )
),

agreed_prose as (
    select
        line_measures.budget_line_id,
        narrative_facts.page as proof_page,
        narrative_facts.line as proof_line,
        'stated in the text: ' || left(narrative_facts.sentence, 120) as proof_source
    from line_measures
    inner join narrative_facts
        on line_measures.doc_id = narrative_facts.doc_id
        and narrative_facts.fact_key || '_yuan' = line_measures.measure
        and line_measures.phase = narrative_facts.phase
        and narrative_facts.fact_year = coalesce(
            line_measures.column_year, line_measures.fiscal_year
        )
        and not {{ disagree(
            'line_measures.amount_yuan', 'line_measures.precision_yuan',
            'narrative_facts.value', 'narrative_facts.precision_yuan'
        ) }}
),

best as (
    {{ strongest_proof(
        'budget_line_id',
        [('balanced', 'balanced'), ('agreed_tables', 'agreed'), ('agreed_prose', 'agreed')]
    ) }}
),

final as (
    select
        lines.budget_line_id,
        lines.doc_id,
        lines.document_state,
        coalesce(best.proof, 'single') as proof,
        best.proof_page,
        best.proof_line,
        best.proof_source
    from lines
    left join best
        on lines.budget_line_id = best.budget_line_id
)

select * from final
