{#-
    Core customer records of the same person, clustered. Two records are linked when they share an
    SSN, an email, or the same name and date of birth (not phone: fictional numbers repeat); a record's cluster is the smallest customer id
    reachable in two hops (people have at most a handful of core records, so two hops close every
    cluster). The cluster's customer_key is a hash of that id.
-#}
with

customers as (
    select * from {{ ref('stg_core__customers') }}
),

edges as (
    select
        a.customer_id,
        b.customer_id as linked_id,
        'ssn' as match_method,
        0.99 as match_confidence
    from customers as a
    inner join customers as b on a.ssn = b.ssn and a.customer_id != b.customer_id
    union all
    select
        a.customer_id,
        b.customer_id as linked_id,
        'email' as match_method,
        0.98 as match_confidence
    from customers as a
    inner join customers as b on a.email = b.email and a.customer_id != b.customer_id
    union all
    select
        a.customer_id,
        b.customer_id as linked_id,
        'name_and_birth_date' as match_method,
        0.95 as match_confidence
    from customers as a
    inner join customers as b
        on
            lower(a.first_name) = lower(b.first_name)
            and lower(a.last_name) = lower(b.last_name)
            and a.birth_date = b.birth_date
            and a.customer_id != b.customer_id

),

first_hop as (
    select
        customers.customer_id,
        least(customers.customer_id, coalesce(min(edges.linked_id), customers.customer_id)) as root_id,
        max(edges.match_confidence) as match_confidence
    from customers
    left join edges on customers.customer_id = edges.customer_id
    group by customers.customer_id
),

second_hop as (
    select
        first_hop.customer_id,
        first_hop.match_confidence,
        least(first_hop.root_id, coalesce(min(neighbour.root_id), first_hop.root_id)) as root_id
    from first_hop
    left join edges on first_hop.customer_id = edges.customer_id
    left join first_hop as neighbour on edges.linked_id = neighbour.customer_id
    group by first_hop.customer_id, first_hop.root_id, first_hop.match_confidence
),

best_rule as (
    select
        customer_id,
        match_method,
        row_number() over (partition by customer_id order by match_confidence desc, match_method asc) as rank_in_record
    from edges
),

final as (
    select
        second_hop.customer_id,
        second_hop.root_id,
        {{ surrogate_key(['second_hop.root_id']) }} as customer_key,
        coalesce(best_rule.match_method, 'core_record') as match_method,
        coalesce(second_hop.match_confidence, 1.0) as match_confidence
    from second_hop
    left join best_rule on second_hop.customer_id = best_rule.customer_id and best_rule.rank_in_record = 1
)

select * from final
