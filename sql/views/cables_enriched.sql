-- cables_enriched: one row per cable, every `cables` column except the raw header and body
-- (join `cables` for those), plus: tags (list, in published order), recipient_count,
-- to_count, info_count, references_out (rows of its REF block), references_out_resolved
-- (those citing a loaded cable), references_in (distinct loaded cables citing it),
-- classification_rank and precedence_rank (from the dimensions), origin_country (posts).
with tag_lists as (
    select cable_id, list(tag order by "position") as tags
    from tags
    group by cable_id
),

recipient_counts as (
    select
        cable_id,
        count(*) as recipient_count,
        count(*) filter (where kind = 'TO') as to_count,
        count(*) filter (where kind = 'INFO') as info_count
    from recipients
    group by cable_id
),

references_out as (
    select
        r.cable_id,
        count(*) as references_out,
        count(c.cable_id) as references_out_resolved
    from "references" as r
    left join cables as c on c.cable_id = r.referenced_cable_id
    group by r.cable_id
),

references_in as (
    select referenced_cable_id as cable_id, count(distinct cable_id) as references_in
    from "references"
    where referenced_cable_id is not null and referenced_cable_id <> cable_id
    group by referenced_cable_id
)

select
    c.* exclude (header, body),
    coalesce(t.tags, []::varchar[]) as tags,
    coalesce(rc.recipient_count, 0) as recipient_count,
    coalesce(rc.to_count, 0) as to_count,
    coalesce(rc.info_count, 0) as info_count,
    coalesce(ro.references_out, 0) as references_out,
    coalesce(ro.references_out_resolved, 0) as references_out_resolved,
    coalesce(ri.references_in, 0) as references_in,
    l."rank" as classification_rank,
    p."rank" as precedence_rank,
    o.country as origin_country
from cables as c
left join tag_lists as t using (cable_id)
left join recipient_counts as rc using (cable_id)
left join references_out as ro using (cable_id)
left join references_in as ri using (cable_id)
left join classification_levels as l on l.level = c.classification_level
left join precedences as p on p.precedence = c.precedence
left join posts as o on lower(o.origin) = lower(c.origin)
