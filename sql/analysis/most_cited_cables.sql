-- Question: which cables are cited most, counting only references that resolve to a cable
-- in the warehouse (in-degree of the citation graph; a cable citing itself is not counted)?
-- Columns:
--   cable_id   the cited cable
--   created    its created day
--   origin     its originating post
--   subject    its subject
--   cited_by   distinct loaded cables whose REF block cites it
select
    c.cable_id,
    c.created,
    c.origin,
    c.subject,
    count(distinct r.cable_id) as cited_by
from "references" as r
join cables as c on c.cable_id = r.referenced_cable_id
where r.cable_id <> r.referenced_cable_id
group by all
order by cited_by desc, c.cable_id
limit 200
