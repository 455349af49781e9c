-- Question: who signed each post's cables, year by year (ambassadors and charges come and go)?
-- Columns:
--   origin   the post
--   year     year of `created`
--   signer   a signature name at the end of the body
--   cables   cables of the post that year with that signature
select
    c.origin,
    c."year",
    u.signer,
    count(*) as cables
from cables as c, unnest(c.signers) as u(signer)
where c.origin is not null
group by all
order by c.origin, c."year", cables desc, u.signer
