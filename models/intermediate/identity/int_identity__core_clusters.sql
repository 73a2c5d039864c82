{#-
    Core customer records of the same person, clustered. Two records are linked when they share an
    SSN, an email, or the same name and date of birth (not phone: fictional numbers repeat); a record's
    cluster is the smallest customer id reachable in two hops (people have at most a handful of core
    records, so two hops close every cluster). The cluster's customer_key is a hash of that id. Each
    record names its strongest link (or core_record when nothing links it); the identity_match_rules
    seed ranks the rules (priority) and gives their confidence.
-#}
with

customers as (
    select * from {{ ref('stg_core__customers') }}
),

rules as (
    select * from {{ ref('identity_match_rules') }}
    where source_system = 'core'
),

edges as (
    select
        a.customer_id,
        b.customer_id as linked_id,
        'ssn' as match_method
    from customers as a
    inner join customers as b on a.ssn = b.ssn and a.customer_id != b.customer_id
    union all
    select
        a.customer_id,
        b.customer_id as linked_id,
        'email' as match_method
    from customers as a
    inner join customers as b on a.email = b.email and a.customer_id != b.customer_id
    union all
    select
        a.customer_id,
        b.customer_id as linked_id,
        'name_and_birth_date' as match_method
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
        least(customers.customer_id, coalesce(min(edges.linked_id), customers.customer_id)) as root_id
    from customers
    left join edges on customers.customer_id = edges.customer_id
    group by customers.customer_id
),

second_hop as (
    select
        first_hop.customer_id,
        least(first_hop.root_id, coalesce(min(neighbour.root_id), first_hop.root_id)) as root_id
    from first_hop
    left join edges on first_hop.customer_id = edges.customer_id
    left join first_hop as neighbour on edges.linked_id = neighbour.customer_id
    group by first_hop.customer_id, first_hop.root_id
),

best_rule as (
    -- The strongest rule linking the record to another (a method missing from the seed ranks first
    -- and leaves the confidence empty, which the tests on customer_identity_map report).
    select
        edges.customer_id,
        edges.match_method,
        row_number() over (
            partition by edges.customer_id order by rules.priority asc nulls first, edges.match_method asc
        ) as rank_in_record
    from edges
    left join rules on edges.match_method = rules.match_method
),

clustered as (
    select
        second_hop.customer_id,
        second_hop.root_id,
        {{ surrogate_key(['second_hop.root_id']) }} as customer_key,
        coalesce(best_rule.match_method, 'core_record') as match_method
    from second_hop
    left join best_rule on second_hop.customer_id = best_rule.customer_id and best_rule.rank_in_record = 1
),

final as (
    select
        clustered.customer_id,
        clustered.root_id,
        clustered.customer_key,
        clustered.match_method,
        rules.match_confidence
    from clustered
    left join rules on clustered.match_method = rules.match_method
)

select * from final
