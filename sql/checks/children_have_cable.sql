-- Every child row belongs to a cable in cables. Returns orphans; a sound warehouse returns none.
select 'paragraphs' as child_table, p.cable_id from paragraphs p anti join cables c using (cable_id)
union all
select 'recipients', r.cable_id from recipients r anti join cables c using (cable_id)
union all
select 'tags', t.cable_id from tags t anti join cables c using (cable_id)
union all
select 'references', f.cable_id from "references" f anti join cables c using (cable_id)
union all
select 'duplicates', d.cable_id from duplicates d anti join cables c using (cable_id)
