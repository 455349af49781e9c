-- Question: what share of the paragraphs inside CONFIDENTIAL cables is marked SECRET
-- ((S), (S/NF), (S//NF)), per year and over all years (the row whose year is null)?
-- Columns:
--   year                        year of `created`; null on the all-years row
--   confidential_cables         CONFIDENTIAL cables
--   cables_with_secret          of those, cables with at least one SECRET paragraph
--   paragraphs                  paragraphs of those cables
--   secret_paragraphs           paragraphs marked SECRET
--   secret_share                secret_paragraphs / paragraphs
with marks as (
    select
        c."year",
        c.cable_id,
        p.cable_id is not null as is_paragraph,
        coalesce(split_part(upper(p.classification), '/', 1) = 'S', false) as is_secret
    from cables as c
    left join paragraphs as p using (cable_id)
    where c.classification_level = 'CONFIDENTIAL'
)

select
    "year",
    count(distinct cable_id) as confidential_cables,
    count(distinct cable_id) filter (where is_secret) as cables_with_secret,
    count(*) filter (where is_paragraph) as paragraphs,
    count(*) filter (where is_secret) as secret_paragraphs,
    round(secret_paragraphs / nullif(paragraphs, 0), 4) as secret_share
from marks
group by grouping sets (("year"), ())
order by "year" nulls last
