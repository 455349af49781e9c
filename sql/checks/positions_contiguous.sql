-- Child positions run 1..n without gaps for each cable. Returns the broken runs; expect none.
select child_table, cable_id, count(*) as rows, max("position") as last_position
from (
    select 'paragraphs' as child_table, cable_id, "position" from paragraphs
    union all select 'recipients', cable_id, "position" from recipients
    union all select 'tags', cable_id, "position" from tags
    union all select 'references', cable_id, "position" from "references"
)
group by child_table, cable_id
having count(*) <> max("position") or min("position") <> 1
