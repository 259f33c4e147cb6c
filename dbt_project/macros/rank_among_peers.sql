{#- A row's rank by `figure` (1 = most) among its peers that have the figure (`peers`: the
    columns that make a peer group, the year among them), NULL without the figure; and how many
    peers have it.  The one definition of the comparison marts' peer ranks. -#}
{% macro rank_among_peers(figure, peers, rank_column, peers_column) %}
        case
            when {{ figure }} is not null
                then rank() over (
                        partition by {{ peers | join(', ') }}, {{ figure }} is null
                        order by {{ figure }} desc
                    )
        end as {{ rank_column }},
        count({{ figure }}) over (
            partition by {{ peers | join(', ') }}
        ) as {{ peers_column }}
{%- endmacro %}
