-- origin_posts: each origin found in `cables` with its post from seeds/posts.csv; origins
-- the seed does not know are kept with known = false and null post columns.
-- Columns: origin, post_type, city, country, known, cables, first_created, last_created.
with origins as (
    select origin, count(*) as cables, min(created) as first_created,
        max(created) as last_created
    from cables
    where origin is not null
    group by origin
)

select
    o.origin,
    p.post_type,
    p.city,
    p.country,
    p.origin is not null as known,
    o.cables,
    o.first_created,
    o.last_created
from origins as o
left join posts as p on lower(p.origin) = lower(o.origin)
