-- The search shows a snippet of each hit's indexed text. Its fields used to be joined by a bare
-- space, so a snippet ran a subtitle into a summary, or one speaker's organisation into the next
-- speaker's name (« … Ville de Goussainville Mme PELISSIER … »). Fields are now joined by « · »,
-- a speaker reads « name, role, organisation », lists (objectives, publics, communes) lose their
-- blank lines, a « · » typed at a field's end is not doubled, and the index is filled again. The
-- words, and so the ranking, are unchanged: FTS5 reads « · » and « , » as separators, as it read
-- the spaces. The triggers read this view through `search_rows` (migration 0013) and stay as they
-- are. The joining is done by `search_join` and `search_lines`, which every connection registers
-- beside `stems` (app/lib/search-text.ts); the SQL around them is that of SQLite 3.40 (no
-- concat_ws, no ORDER BY inside an aggregate), so that Debian's sqlite3 can still open the file.
DROP VIEW `search_documents`;
--> statement-breakpoint
CREATE VIEW `search_documents` AS
	SELECT 1000000000 + a.id AS doc, 'article' AS kind, a.id AS ref_id, a.title AS title,
		search_join(' · ', a.standfirst, a.body_text) AS body
	FROM articles a WHERE a.status = 'published'
	UNION ALL
	SELECT 2000000000 + e.id, 'edition', e.id, e.title,
		search_join(' · ', e.subtitle, e.summary, search_lines(e.objectives, ' · '),
			(SELECT search_join(', ', v.name, v.city) FROM venues v WHERE v.id = e.venue_id))
	FROM editions e WHERE e.status <> 'draft'
	UNION ALL
	SELECT 3000000000 + s.id, 'session', s.id, s.title,
		search_join(' · ', s.description, (
			SELECT group_concat(speaker, ' · ') FROM (
				SELECT search_join(', ', p.name, p.role, p.organisation) AS speaker
				FROM session_persons sp JOIN persons p ON p.id = sp.person_id
				WHERE sp.session_id = s.id ORDER BY sp.position)))
	FROM sessions s JOIN editions e ON e.id = s.edition_id WHERE e.status <> 'draft'
	UNION ALL
	SELECT 4000000000 + d.id, 'dispositif', d.id, d.name,
		search_join(' · ', d.operator,
			CASE d.category
				WHEN 'insertion' THEN 'Insertion'
				WHEN 'veille_sociale' THEN 'Veille sociale'
				WHEN 'sanitaire_social' THEN 'Sanitaire et social'
				ELSE d.category END,
			d.sub_category, search_lines(d.publics, ', '),
			search_lines(coalesce(d.communes, 'Tout le département'), ', '), d.description)
	FROM dispositifs d WHERE d.retired_at IS NULL;
--> statement-breakpoint
-- A synthesis' « Pour aller plus loin » is now part of its plain text, written as words when it is
-- saved. Until a synthesis saved before this migration is saved again, its Markdown stays as it
-- was indexed.
UPDATE articles SET body_text = body_text || ' · ' || further_reading_markdown
	WHERE trim(coalesce(further_reading_markdown, '')) <> '';
--> statement-breakpoint
DELETE FROM search_index;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
	SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows;
