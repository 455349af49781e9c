-- cable_references: each row of `references` with the referenced cable's subject, origin and
-- created day when that cable is in the warehouse. Columns: the `references` columns
-- (cable_id, position, letter, text, referenced_cable_id, kind), then referenced_subject,
-- referenced_origin, referenced_created, and resolved (true when the cited cable is loaded).
select
    r.cable_id,
    r."position",
    r.letter,
    r."text",
    r.referenced_cable_id,
    r.kind,
    c.subject as referenced_subject,
    c.origin as referenced_origin,
    c.created as referenced_created,
    c.cable_id is not null as resolved
from "references" as r
left join cables as c on c.cable_id = r.referenced_cable_id
