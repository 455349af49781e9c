-- routes: each routing indicator (RUEHIL) with the station name written beside it most often,
-- derived from the data: recipients' route/name pairs and the cables' DE line / FM line.
-- Columns: route, name (most frequent; ties go to the first name alphabetically),
-- uses (lines naming the route), name_uses (lines with that name), names (distinct names).
with sightings as (
    select route, name from recipients where route is not null
    union all
    select origin_route, from_name from cables
    where origin_route is not null and from_name is not null
),

per_name as (
    select route, name, count(*) as name_uses
    from sightings
    group by route, name
),

ranked as (
    select
        route,
        name,
        sum(name_uses) over (partition by route)::bigint as uses,
        name_uses,
        count(*) over (partition by route) as names,
        row_number() over (partition by route order by name_uses desc, name) as pick
    from per_name
)

select route, name, uses, name_uses, names
from ranked
where pick = 1
