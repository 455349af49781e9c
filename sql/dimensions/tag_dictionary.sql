-- tag_dictionary: the State Department TAGS codes of seeds/tags.csv, one row per code.
-- Columns: tag (the code, e.g. PREL), kind (subject, geographic, organization, program),
-- meaning (e.g. "External Political Relations"). Types are declared, never inferred.
with source as (
    select * from read_csv('{seeds}/tags.csv', header = true, auto_detect = false,
                           columns = {'tag': 'VARCHAR', 'kind': 'VARCHAR', 'meaning': 'VARCHAR'})
),

renamed as (
    select upper(trim(tag)) as tag, kind, meaning
    from source
)

select * from renamed
order by tag
