-- 问题: 每个县-年份的数字中，哪些由文件自身的算术或重复印刷证实（平衡或一致），哪些只印了一次？
-- Question: For each county-year, which figures does the document itself confirm (a sum that
--     balances, or the same figure printed twice), and which are printed only once?
--
-- Columns:
--     county_code, fiscal_year, measure: the figure.
--     value, status: as in fct_county_measure.
--     proof: balanced (a part or total of a sum that balances in the document), agreed (another
--         table, sentence or document prints the same figure) or single (printed once).
--     proof_line, proof_source: where the proof stands (the sum, or the other printing).
--     n_balanced, n_agreed, n_single: the county-year's figures by proof.
--
-- Caveat: keep only balanced and agreed figures (proof in ('balanced', 'agreed')) for the
--     figures the document confirms; a single figure is not wrong, only unchecked. Figures
--     computed from others (status derived) and conflicting ones count as single.

with measures as (
    select * from main.fct_county_measure
    where value is not null
),

counts as (
    select
        county_code,
        fiscal_year,
        count(*) filter (where proof = 'balanced') as n_balanced,
        count(*) filter (where proof = 'agreed') as n_agreed,
        count(*) filter (where proof = 'single') as n_single
    from measures
    group by county_code, fiscal_year
),

final as (
    select
        measures.county_code,
        measures.fiscal_year,
        measures.measure,
        measures.value,
        measures.status,
        measures.proof,
        measures.proof_line,
        measures.proof_source,
        counts.n_balanced,
        counts.n_agreed,
        counts.n_single
    from measures
    inner join counts
        on measures.county_code = counts.county_code
        and measures.fiscal_year = counts.fiscal_year
)

select * from final
order by county_code, fiscal_year, measure
