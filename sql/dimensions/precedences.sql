-- precedences: the closed vocabulary of cables.precedence and recipients.precedence, from
-- seeds/precedences.csv. Columns: precedence, rank (1 = ROUTINE ... 5 = FLASH, higher is more
-- urgent), prosign (the routing-line letter: R, P, O, Z), meaning.
with source as (
    select * from read_csv('{seeds}/precedences.csv', header = true, auto_detect = false,
                           columns = {'precedence': 'VARCHAR', 'rank': 'SMALLINT',
                                      'prosign': 'VARCHAR', 'meaning': 'VARCHAR'})
),

renamed as (
    select precedence, "rank", prosign, meaning
    from source
)

select * from renamed
order by "rank"
