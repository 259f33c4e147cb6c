-- 问题: 哪些县的预算公开文件自相矛盾？矛盾的两个数字各是多少，出自哪里？
-- Question: Which counties' documents contradict themselves, with both figures and where each
--     was printed?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county-year concerned.
--     n_contradictions_in_county: how many identities the county's documents break in all.
--     check_name: the identity broken (two_figures_for_one_thing, basic_plus_project_vs_total,
--         parent_vs_children, listed_projects_exceed_total, fixed_assets_parts_vs_total, …).
--     subject: the measure, subject code or table row concerned.
--     value_a, label_a: the first figure (the one shown in the marts, or the printed total).
--     value_b, label_b: the other figure (the other source, or the sum of the parts).
--     difference: value_a − value_b.
--     source_path: the document file.
--     line_a, snippet_a, line_b, snippet_b: where each figure was printed.
--     description: the problem in words.
--
-- Caveat: amounts are yuan, head counts persons (the subject says which). A contradiction is
--     data about the document, not an error of the warehouse: the marts show one of the two figures
--     (status conflicting where it is two figures for one thing) and this list shows both. Only the
--     checks the warehouse knows are run, and only on the tables a document prints: a county with
--     no rows here is not proven consistent; see standard_tables in 14_documents_coverage for what
--     could be checked.

with inconsistencies as (
    select * from main.mart_source_inconsistencies
),

counties as (
    select * from main.dim_county
),

final as (
    select
        inconsistencies.county_code,
        counties.county_name,
        inconsistencies.fiscal_year,
        count(*) over (partition by inconsistencies.county_code) as n_contradictions_in_county,
        inconsistencies.check_name,
        inconsistencies.subject,
        inconsistencies.value_a,
        inconsistencies.label_a,
        inconsistencies.value_b,
        inconsistencies.label_b,
        inconsistencies.difference,
        inconsistencies.source_path,
        inconsistencies.line_a,
        inconsistencies.snippet_a,
        inconsistencies.line_b,
        inconsistencies.snippet_b,
        inconsistencies.description
    from inconsistencies
    inner join counties
        on inconsistencies.county_code = counties.county_code
)

select * from final
order by county_code, fiscal_year, check_name, subject, value_a, value_b
