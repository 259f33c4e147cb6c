-- What proves each body-year measure the documents print (doc 'col_proof'):
-- 'balanced' when the figure is a part or the total of a sum that balances in the document
-- (total = basic + project, basic = personnel + public, 三公 = 出国 + 公务用车 + 接待 and
-- 公务用车 = 购置 + 运行, or its table line balances: int_budget_lines_proven); 'agreed' when
-- another table, sentence or document prints the same figure (within printing precision;
-- where: proof_page, proof_line, proof_source); else 'single'.  Figures derived by
-- arithmetic (project = total − basic, last year from a stated change) are 'single': they
-- are computed from printed figures, not checked against another printing.
with reported as (
    select * from {{ ref('int_measures_reported') }}
),

candidates as (
    -- the budget phase's printings: a 决算数 of the same value proves no 年初预算数
    select * from {{ ref('int_measure_candidates_unioned') }}
    where is_usable
        and coalesce(phase, 'budget') = 'budget'
),

line_proof as (
    select * from {{ ref('int_budget_lines_proven') }}
),

-- the candidate each reported figure was taken from
chosen as (
    select
        reported.*,
        candidates.budget_line_id
    from reported
    left join candidates
        on reported.body_scope_id = candidates.body_scope_id
        and reported.fiscal_year = candidates.fiscal_year
        and reported.measure = candidates.measure
        and reported.doc_id = candidates.doc_id
        and reported.line = candidates.line
        and reported.source_kind = candidates.source_kind
        and reported.value = candidates.value
    qualify row_number() over (
            partition by reported.body_measure_id order by candidates.candidate_id
        ) = 1
),

pivoted as (
    select
        body_scope_id,
        fiscal_year,
        max(value) filter (where measure = 'total_expenditure_yuan') as total_expenditure,
        max(value) filter (where measure = 'basic_expenditure_yuan') as basic,
        max(value) filter (where measure = 'project_expenditure_yuan') as project,
        max(value) filter (where measure = 'personnel_expenditure_yuan') as personnel,
        max(value) filter (where measure = 'public_operating_expenditure_yuan')
            as public_operating,
        max(value) filter (where measure = 'three_public_total_yuan') as tp_total,
        max(value) filter (where measure = 'three_public_overseas_yuan') as tp_overseas,
        max(value) filter (where measure = 'three_public_vehicle_total_yuan') as tp_vehicle,
        max(value) filter (where measure = 'three_public_vehicle_purchase_yuan')
            as tp_purchase,
        max(value) filter (where measure = 'three_public_vehicle_operation_yuan')
            as tp_operation,
        max(value) filter (where measure = 'three_public_reception_yuan') as tp_reception
    from reported
    where status <> 'conflicting'
    group by body_scope_id, fiscal_year
),

sums as (
    select
        body_scope_id,
        fiscal_year,
        unnest([
            'total_expenditure_yuan', 'basic_expenditure_yuan', 'project_expenditure_yuan'
        ]) as measure,
        'total ' || total_expenditure || ' = basic ' || basic || ' + project ' || project
            as proof_source
    from pivoted
    where total_expenditure = basic + project
    union all
    select
        body_scope_id,
        fiscal_year,
        unnest([
            'basic_expenditure_yuan', 'personnel_expenditure_yuan',
            'public_operating_expenditure_yuan'
        ]),
        'basic ' || basic || ' = personnel ' || personnel || ' + public ' || public_operating
    from pivoted
    where basic = personnel + public_operating
    union all
    select
        body_scope_id,
        fiscal_year,
        unnest([
            'three_public_total_yuan', 'three_public_overseas_yuan',
            'three_public_vehicle_total_yuan', 'three_public_reception_yuan'
        ]),
        '三公 ' || tp_total || ' = 出国 ' || tp_overseas || ' + 公务用车 ' || tp_vehicle
        || ' + 接待 ' || tp_reception
    from pivoted
    where tp_total = tp_overseas + tp_vehicle + tp_reception
    union all
    select
        body_scope_id,
        fiscal_year,
        unnest([
            'three_public_vehicle_total_yuan', 'three_public_vehicle_purchase_yuan',
            'three_public_vehicle_operation_yuan'
        ]),
        '公务用车 ' || tp_vehicle || ' = 购置 ' || tp_purchase || ' + 运行 ' || tp_operation
    from pivoted
    where tp_vehicle = tp_purchase + tp_operation
),

balanced as (
    -- the sum is between measures: its terms are in proof_source, each with its own place
    select
        chosen.body_measure_id,
        cast(null as integer) as proof_page,
        cast(null as integer) as proof_line,
        sums.proof_source
    from chosen
    inner join sums
        on chosen.body_scope_id = sums.body_scope_id
        and chosen.fiscal_year = sums.fiscal_year
        and chosen.measure = sums.measure
    where chosen.status <> 'conflicting'
    union all
    select
        chosen.body_measure_id,
        line_proof.proof_page,
        line_proof.proof_line,
        line_proof.proof_source
    from chosen
    inner join line_proof
        on chosen.budget_line_id = line_proof.budget_line_id
    where line_proof.proof = 'balanced'
        and chosen.status <> 'conflicting'
),

agreed as (
    select
        chosen.body_measure_id,
        candidates.page as proof_page,
        candidates.line as proof_line,
        'the same figure ' || candidates.source_kind || ': ' || candidates.basis || ' — '
        || left(candidates.snippet, 120) as proof_source
    from chosen
    inner join candidates
        on chosen.body_scope_id = candidates.body_scope_id
        and chosen.fiscal_year = candidates.fiscal_year
        and chosen.measure = candidates.measure
        and not (
            chosen.doc_id = candidates.doc_id
            and chosen.line = candidates.line
            and chosen.page is not distinct from candidates.page
            and chosen.source_kind = candidates.source_kind
        )
        and not {{ disagree(
            'chosen.value', 'chosen.precision_yuan', 'candidates.value', 'candidates.precision_yuan'
        ) }}
    where chosen.status <> 'conflicting'
),

best as (
    {{ strongest_proof('body_measure_id', [('balanced', 'balanced'), ('agreed', 'agreed')]) }}
),

final as (
    select
        chosen.body_measure_id,
        chosen.body_scope_id,
        chosen.fiscal_year,
        chosen.measure,
        coalesce(best.proof, 'single') as proof,
        best.proof_page,
        best.proof_line,
        best.proof_source
    from chosen
    left join best
        on chosen.body_measure_id = best.body_measure_id
)

select * from final
