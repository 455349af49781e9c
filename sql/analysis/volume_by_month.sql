-- Question: how many cables were written each month, at each classification level?
-- Columns:
--   month                 first day of the month of `created`
--   classification_level  UNCLASSIFIED ... TOP SECRET (null when the cable gives none)
--   level_rank            rank of the level in classification_levels (1 = UNCLASSIFIED)
--   cables                cables of that month and level
select
    date_trunc('month', c.created)::date as month,
    c.classification_level,
    l."rank" as level_rank,
    count(*) as cables
from cables as c
left join classification_levels as l on l.level = c.classification_level
where c.created is not null
group by all
order by month, level_rank nulls last
