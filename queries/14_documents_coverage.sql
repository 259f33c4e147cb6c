-- 问题: 仓库里有哪些文件？每个文件覆盖哪个县、哪一年，读出了哪些内容？哪些文件无法读取？
-- Question: Which documents are in the warehouse, which county and year does each cover, what
--     could be read from it, and which files could not be read at all?
--
-- Columns:
--     source_path: the file (the first path, when several files have the same bytes).
--     outcome: primary (its figures are counted), superseded (another document for the same
--         county-year is counted) or rejected (could not be read; see reason).
--     county_code, county_name, province_name, fiscal_year: what the document is about.
--     money_unit, source_format, layout: how it prints amounts and how its text was laid out.
--     standard_tables: the standard budget tables recognised in it (收支总表, 支出总表 …).
--     n_budget_lines, n_projects, n_indicators: rows read into fct_budget_line, fct_project,
--         fct_indicator (primary documents only).
--     n_measures_with_value, n_measures: county measures of its county-year that have a value,
--         out of those listed.
--     n_issues: parse issues recorded for it.
--     reason: why a document was not counted (selection_reason) or a file was rejected.
--
-- Caveat: a county-year that other queries list but no document here covers is known only from
--     another year's document (has_own_document false in 11_reported_vs_derived): stated changes
--     give the year before a budget year. A superseded document's figures are not counted; reason
--     says why another document was preferred. Rejected files have no county and no year.

with documents as (
    select * from main.dim_document
),

rejected as (
    select * from main.mart_rejected_documents
),

counties as (
    select * from main.dim_county
),

budget_lines as (
    select * from main.fct_budget_line
),

projects as (
    select * from main.fct_project
),

indicators as (
    select * from main.fct_indicator
),

measures as (
    select * from main.fct_county_measure
    where phase = 'budget'
),

line_counts as (
    select
        doc_id,
        count(*) as n_budget_lines,
        string_agg(distinct table_kind, ', ' order by table_kind) as standard_tables
    from budget_lines
    group by doc_id
),

project_counts as (
    select
        doc_id,
        count(*) as n_projects
    from projects
    group by doc_id
),

indicator_counts as (
    select
        doc_id,
        count(*) as n_indicators
    from indicators
    group by doc_id
),

measure_counts as (
    select
        county_code,
        fiscal_year,
        count(value) as n_measures_with_value,
        count(*) as n_measures
    from measures
    group by county_code, fiscal_year
),

read_documents as (
    select
        documents.source_path,
        case when documents.is_primary then 'primary' else 'superseded' end as outcome,
        documents.county_code,
        counties.county_name,
        counties.province_name,
        documents.fiscal_year,
        documents.money_unit,
        documents.source_format,
        documents.layout,
        line_counts.standard_tables,
        coalesce(line_counts.n_budget_lines, 0) as n_budget_lines,
        coalesce(project_counts.n_projects, 0) as n_projects,
        coalesce(indicator_counts.n_indicators, 0) as n_indicators,
        measure_counts.n_measures_with_value,
        measure_counts.n_measures,
        documents.n_issues,
        documents.selection_reason as reason
    from documents
    inner join counties
        on documents.county_code = counties.county_code
    left join line_counts
        on documents.doc_id = line_counts.doc_id
    left join project_counts
        on documents.doc_id = project_counts.doc_id
    left join indicator_counts
        on documents.doc_id = indicator_counts.doc_id
    left join measure_counts
        on documents.county_code = measure_counts.county_code
        and documents.fiscal_year = measure_counts.fiscal_year
),

rejected_files as (
    select
        rejected.file as source_path,
        'rejected' as outcome,
        null as county_code,
        null as county_name,
        null as province_name,
        null as fiscal_year,
        null as money_unit,
        null as source_format,
        null as layout,
        null as standard_tables,
        null as n_budget_lines,
        null as n_projects,
        null as n_indicators,
        null as n_measures_with_value,
        null as n_measures,
        null as n_issues,
        rejected.reason || coalesce(': ' || rejected.detail, '') as reason
    from rejected
),

final as (
    select * from read_documents
    union all by name
    select * from rejected_files
)

select * from final
order by outcome, county_code nulls last, fiscal_year, source_path
