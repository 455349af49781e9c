-- Question: which classified cables (CONFIDENTIAL and above) are past the declassification
-- date their E.O. line set, as of today?
-- Columns:
--   cable_id         the cable
--   created          its created day
--   origin           its post
--   classification   classification as published
--   declassify_on    the DECL date of its E.O. line
--   days_past        days from declassify_on to today
select
    c.cable_id,
    c.created,
    c.origin,
    c.classification,
    c.declassify_on,
    current_date - c.declassify_on as days_past
from cables as c
join classification_levels as l on l.level = c.classification_level
where l."rank" >= 4 and c.declassify_on < current_date
order by c.declassify_on, c.cable_id
