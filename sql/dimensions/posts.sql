-- posts: diplomatic posts as cables.origin names them, from seeds/posts.csv.
-- Columns: origin (e.g. "Embassy Islamabad"), post_type (embassy, consulate, mission, office,
-- interests section, department, delegation), city, country (null where none applies).
with source as (
    select * from read_csv('{seeds}/posts.csv', header = true, auto_detect = false,
                           columns = {'origin': 'VARCHAR', 'post_type': 'VARCHAR',
                                      'city': 'VARCHAR', 'country': 'VARCHAR'})
),

renamed as (
    select origin, post_type, nullif(city, '') as city, nullif(country, '') as country
    from source
)

select * from renamed
order by origin
