-- 问题: 各县医保参保人数逐年如何变化（按险种和人数口径）？
-- Question: How does enrollment develop over the years in each county, by insurance scheme and
--     kind of head count?
--
-- Columns:
--     county_code, county_name, fiscal_year: the county and the year the count is about (the
--         year written next to the figure, which is not always the budget year).
--     scheme: resident (城乡居民), employee (职工) or unspecified (names neither).
--     enrollment_kind: enrolled 参保, contributors 征缴, beneficiaries 受益, projected 预计.
--     persons, printed_as: the head count, and as the document prints it (e.g. 84.4万人).
--     prior_year, prior_persons: the previous count of the same county, scheme and kind.
--     change_persons, change_pct: change against it (NULL when there is no earlier count).
--     is_conflicting: the document states this count twice with different values.
--     year_basis: stated (year written next to the figure), context, or document (budget year).
--     source_kind, line, sentence: where it was printed.
--
-- Caveat: enrollment comes from prose and performance indicators, never from a table. A
--     document may state several counts of different kinds (参保/征缴/受益/预计), which must not be
--     compared with each other: prior_year and change_pct only compare the same scheme and kind, so
--     a count with no earlier one of its kind has no change even if the county printed another
--     kind. Read year_basis: document means no year was printed next to the figure and the budget
--     year was assumed (check sentence). is_conflicting rows have both values listed in
--     05_self_contradictions.

with enrollment as (
    select * from main.fct_enrollment
),

counties as (
    select * from main.dim_county
),

with_prior as (
    select
        enrollment.*,
        lag(enrollment.fiscal_year) over (
            partition by enrollment.county_code, enrollment.scheme, enrollment.enrollment_kind
            order by enrollment.fiscal_year
        ) as prior_year,
        lag(enrollment.persons) over (
            partition by enrollment.county_code, enrollment.scheme, enrollment.enrollment_kind
            order by enrollment.fiscal_year
        ) as prior_persons
    from enrollment
),

final as (
    select
        with_prior.county_code,
        counties.county_name,
        with_prior.fiscal_year,
        with_prior.scheme,
        with_prior.enrollment_kind,
        with_prior.persons,
        with_prior.printed_as,
        with_prior.prior_year,
        with_prior.prior_persons,
        with_prior.persons - with_prior.prior_persons as change_persons,
        cast(
            100 * (with_prior.persons - with_prior.prior_persons)
            / nullif(with_prior.prior_persons, 0) as decimal(9, 2)
        ) as change_pct,
        with_prior.is_conflicting,
        with_prior.year_basis,
        with_prior.source_kind,
        with_prior.line,
        with_prior.sentence
    from with_prior
    inner join counties
        on with_prior.county_code = counties.county_code
)

select * from final
order by county_code, scheme, enrollment_kind, fiscal_year
