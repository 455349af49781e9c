-- Every cable_id appears once in cables. Returns the offenders; a sound warehouse returns none.
select cable_id, count(*) as copies
from cables
group by cable_id
having count(*) > 1
