{#- The strongest proof of each figure (doc 'col_proof'), one row per `key`: `proofs` are
    (CTE, proof) pairs, strongest first, each CTE giving the key, proof_page, proof_line and
    proof_source; among proofs of one strength the first by line, then by its words.  A figure
    with none is 'single' (the model's coalesce). -#}
{% macro strongest_proof(key, proofs) %}
    select * from (
        {%- for relation, proof in proofs %}
        select
            *,
            '{{ proof }}' as proof,
            {{ loop.index }} as proof_rank
        from {{ relation }}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as proofs
    qualify row_number() over (
            partition by {{ key }} order by proof_rank, proof_line, proof_source
        ) = 1
{% endmacro %}
