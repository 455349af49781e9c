-- Question: which posts sent the most cables each year (top 10 per year, ties share a rank)?
-- Columns:
--   year          year of `created`
--   origin_rank   1 = the post that sent the most cables that year
--   origin        the post, as cables.origin names it
--   cables        cables the post sent that year
--   share_pct     percent of that year's cables
with per_origin as (
    select "year", origin, count(*) as cables
    from cables
    where "year" is not null and origin is not null
    group by all
),

ranked as (
    select
        "year",
        rank() over (partition by "year" order by cables desc) as origin_rank,
        origin,
        cables,
        round(100.0 * cables / sum(cables) over (partition by "year"), 1) as share_pct
    from per_origin
)

select * from ranked
where origin_rank <= 10
order by "year", origin_rank, origin
