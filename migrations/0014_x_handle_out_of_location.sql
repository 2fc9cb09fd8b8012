-- Reports from X stored the post's URL (https://x.com/<handle>/status/<id>) as location text, which the public
-- list, Open311 and the CSV show: the author's handle is contact data, kept in the reporter record only.
UPDATE reports SET location_text = NULL WHERE channel = 'x' AND location_text LIKE 'https://x.com/%';
