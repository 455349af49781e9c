-- Question: who classifies the cables of each post (the names on the Classified By line)?
-- Columns:
--   origin          the post
--   classified_by   a name from the Classified By line
--   cables          cables of the post that name classified
--   first_created   first created day among them
--   last_created    last created day among them
select
    c.origin,
    u.classified_by,
    count(*) as cables,
    min(c.created) as first_created,
    max(c.created) as last_created
from cables as c, unnest(c.classified_by) as u(classified_by)
where c.origin is not null
group by all
order by c.origin, cables desc, u.classified_by
