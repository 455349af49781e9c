-- Question: which cited cables are missing from the warehouse (references whose canonical id
-- does not resolve), and how often is each cited?
-- Columns:
--   referenced_cable_id    canonical id of the cited cable that is not loaded
--   cited_by               distinct loaded cables citing it
--   first_citing_cable_id  the first citing cable by id
--   example_text           the reference as one citing cable wrote it
select
    r.referenced_cable_id,
    count(distinct r.cable_id) as cited_by,
    min(r.cable_id) as first_citing_cable_id,
    arg_min(r."text", r.cable_id) as example_text
from "references" as r
anti join cables as c on c.cable_id = r.referenced_cable_id
where r.referenced_cable_id is not null
group by r.referenced_cable_id
order by cited_by desc, r.referenced_cable_id
