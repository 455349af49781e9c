-- unknown_tags: TAGS codes that are not in tag_dictionary (seeds/tags.csv), counted rather
-- than dropped; person tags (STEINBERG, JAMES B., the name an OVIP tag goes with) are names,
-- not codes, and are left out.
-- Columns: tag, kind (as parsed: unknown, or program for unlisted K codes), cables (distinct
-- cables carrying it), example_cable_id (the first such cable by id).
select
    t.tag,
    min(t.kind) as kind,
    count(distinct t.cable_id) as cables,
    min(t.cable_id) as example_cable_id
from tags as t
anti join tag_dictionary as d on d.tag = upper(t.tag)
where t.kind <> 'person'
group by t.tag
