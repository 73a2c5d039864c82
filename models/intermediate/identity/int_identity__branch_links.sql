{#-
    Relationship-manager notes to resolved people. The free-text reference is read as one of the forms
    RMs use ("Smith, John", "JOHN SMITH", "John S. (VIP)", "J. Smith", an email). Emails are matched
    against every address known for a person; names among the customers of the note's branch; an
    address nobody has on file by the name it spells; and a partial name the branch cannot settle by
    the RM's book (the people that RM's other notes name unambiguously).
-#}
with

notes as (
    select * from {{ ref('stg_branch__rm_notes') }}
),

branches as (
    select * from {{ ref('branches') }}
),

people as (
    select * from {{ ref('int_identity__known_names') }}
),

known_emails as (
    select * from {{ ref('int_identity__known_emails') }}
),

parsed as (
    select
        notes.note_id,
        notes.rm_name,
        branches.branch_code,
        notes.customer_ref_email,
        case
            when notes.customer_ref_email is not null then 'email'
            when notes.customer_ref like '%,%' then 'last_first'
            when notes.customer_ref like '%(VIP)' then 'first_initial_of_last'
            when {{ regexp_contains('notes.customer_ref', '^[A-Za-z][.] ') }} then 'initial_of_first_last'
            else 'first_last'
        end as reference_form,
        lower(trim(
            case
                when notes.customer_ref like '%,%' then {{ dbt.split_part('notes.customer_ref', "','", 2) }}
                else {{ dbt.split_part('notes.customer_ref', "' '", 1) }}
            end
        )) as first_part,
        lower(trim(
            case
                when notes.customer_ref like '%,%' then {{ dbt.split_part('notes.customer_ref', "','", 1) }}
                else {{ dbt.split_part('notes.customer_ref', "' '", 2) }}
            end
        )) as last_part,
        -- The name an address spells, without its digits: first.last, first_last, or initial+last.
        {{ regexp_replace_all(dbt.split_part('notes.customer_ref_email', "'@'", 1), '[0-9]', '') }} as email_name
    from notes
    left join branches on notes.branch_name = branches.branch_name
),

email_matches as (
    select
        parsed.note_id as record_id,
        parsed.rm_name,
        known_emails.customer_key
    from parsed
    inner join known_emails on parsed.customer_ref_email = known_emails.email
),

name_candidates as (
    select
        parsed.note_id as record_id,
        parsed.rm_name,
        people.customer_key,
        parsed.reference_form,
        people.name_source
    from parsed
    inner join people
        on
            parsed.branch_code = people.home_branch_code
            and (
                (
                    parsed.reference_form in ('last_first', 'first_last')
                    and parsed.first_part = people.first_name
                    and parsed.last_part = people.last_name
                )
                or (
                    parsed.reference_form = 'first_initial_of_last'
                    and parsed.first_part = people.first_name
                    and left(parsed.last_part, 1) = left(people.last_name, 1)
                )
                or (
                    parsed.reference_form = 'initial_of_first_last'
                    and left(parsed.first_part, 1) = left(people.first_name, 1)
                    and parsed.last_part = people.last_name
                )
            )
),

branch_matches as (
    -- Every name the bank knows counts (a linked CRM contact's, the one the person's email spells: a
    -- surname before a marriage), so a note one person's current name and another's former name both
    -- fit decides nothing. A match through a name no core record holds is told apart.
    select
        record_id,
        min(rm_name) as rm_name,
        min(customer_key) as customer_key,
        min(reference_form) as reference_form,
        min(name_source) as name_source
    from name_candidates
    group by record_id
    having count(distinct customer_key) = 1
),

email_name_matches as (
    -- An address nobody on file uses still spells a name, matched among the branch's customers.
    select
        parsed.note_id as record_id,
        min(parsed.rm_name) as rm_name,
        min(people.customer_key) as customer_key
    from parsed
    inner join people
        on
            parsed.branch_code = people.home_branch_code
            and parsed.email_name in (
                people.first_name || '.' || people.last_name,
                people.first_name || '_' || people.last_name,
                left(people.first_name, 1) || people.last_name
            )
    group by parsed.note_id
    having count(distinct people.customer_key) = 1
),

rm_book as (
    select distinct
        rm_name,
        customer_key
    from (
        select
            rm_name,
            customer_key
        from branch_matches
        union all
        select
            rm_name,
            customer_key
        from email_matches
        union all
        select
            rm_name,
            customer_key
        from email_name_matches
    ) as named
),

candidates as (
    select
        record_id,
        customer_key,
        'email' as match_method
    from email_matches
    union all
    select
        record_id,
        customer_key,
        case
            when name_source != 'core' then 'former_name_at_branch'
            when reference_form in ('last_first', 'first_last') then 'full_name_at_branch'
            else 'partial_name_at_branch'
        end as match_method
    from branch_matches
    union all
    select
        record_id,
        customer_key,
        'email_name_at_branch' as match_method
    from email_name_matches
    union all
    select
        name_candidates.record_id,
        name_candidates.customer_key,
        'partial_name_in_rm_book' as match_method
    from name_candidates
    inner join rm_book
        on name_candidates.rm_name = rm_book.rm_name and name_candidates.customer_key = rm_book.customer_key
    -- Only a partial name: a full name two customers of the branch share stays undecided (namesakes
    -- often share the RM too).
    where name_candidates.reference_form in ('first_initial_of_last', 'initial_of_first_last')
)

{{ best_unambiguous_match('candidates', 'branch') }}
