-- Question: how widely does each post distribute its cables (INFO addressees per cable)?
-- Columns:
--   origin       the post
--   cables       cables of the post
--   avg_to       mean TO (action) addressees per cable
--   avg_info     mean INFO addressees per cable
--   median_info  median INFO addressees per cable
--   max_info     most INFO addressees on one cable
with per_cable as (
    select
        c.cable_id,
        c.origin,
        count(r.cable_id) filter (where r.kind = 'TO') as to_count,
        count(r.cable_id) filter (where r.kind = 'INFO') as info_count
    from cables as c
    left join recipients as r using (cable_id)
    where c.origin is not null
    group by c.cable_id, c.origin
)

select
    origin,
    count(*) as cables,
    round(avg(to_count), 2) as avg_to,
    round(avg(info_count), 2) as avg_info,
    median(info_count) as median_info,
    max(info_count) as max_info
from per_cable
group by origin
order by avg_info desc, origin
