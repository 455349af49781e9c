-- cables.paragraph_count equals the cable's rows in paragraphs. Returns mismatches; expect none.
select c.cable_id, c.paragraph_count, count(p.cable_id) as paragraph_rows
from cables c left join paragraphs p using (cable_id)
group by c.cable_id, c.paragraph_count
having c.paragraph_count <> count(p.cable_id)
