-- classification_levels: the closed vocabulary of cables.classification_level, from
-- seeds/classification_levels.csv. Columns: level, rank (1 = UNCLASSIFIED ... 6 = TOP SECRET,
-- higher is more restricted), meaning. Join on cables.classification_level = level.
with source as (
    select * from read_csv('{seeds}/classification_levels.csv', header = true,
                           auto_detect = false,
                           columns = {'level': 'VARCHAR', 'rank': 'SMALLINT', 'meaning': 'VARCHAR'})
),

renamed as (
    select level, "rank", meaning
    from source
)

select * from renamed
order by "rank"
