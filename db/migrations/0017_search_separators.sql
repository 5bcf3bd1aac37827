-- The search shows a snippet of each hit's indexed text. Its fields used to be joined by a bare
-- space, so a snippet ran a subtitle into a summary, or one speaker's organisation into the next
-- speaker's name (« … Ville de Goussainville Mme PELISSIER … »). Fields are now joined by « · »,
-- a speaker reads « name, role, organisation », a dispositif's publics and communes as lists, and
-- the index is filled again. The words, and so the ranking, are unchanged: FTS5 reads « · » and
-- « , » as separators, as it read the spaces. The triggers read this view through `search_rows`
-- (migration 0013) and stay as they are. Written in the SQL of SQLite 3.40 (no concat_ws, no
-- ORDER BY inside an aggregate) so that Debian's sqlite3 can still open the file.
DROP VIEW `search_documents`;
--> statement-breakpoint
CREATE VIEW `search_documents` AS
	SELECT 1000000000 + a.id AS doc, 'article' AS kind, a.id AS ref_id, a.title AS title,
		rtrim(
			coalesce(nullif(trim(a.standfirst), '') || ' · ', '') ||
			coalesce(nullif(trim(a.body_text), '') || ' · ', '') ||
			coalesce(nullif(trim(a.further_reading_markdown), '') || ' · ', ''),
		' ·') AS body
	FROM articles a WHERE a.status = 'published'
	UNION ALL
	SELECT 2000000000 + e.id, 'edition', e.id, e.title,
		rtrim(
			coalesce(nullif(trim(e.subtitle), '') || ' · ', '') ||
			coalesce(nullif(trim(e.summary), '') || ' · ', '') ||
			coalesce(nullif(trim(replace(replace(e.objectives, char(13), ''), char(10), ' · ')), '') || ' · ', '') ||
			coalesce(nullif(trim((SELECT v.name || coalesce(', ' || nullif(trim(v.city), ''), '') FROM venues v WHERE v.id = e.venue_id)), '') || ' · ', ''),
		' ·')
	FROM editions e WHERE e.status <> 'draft'
	UNION ALL
	SELECT 3000000000 + s.id, 'session', s.id, s.title,
		rtrim(
			coalesce(nullif(trim(s.description), '') || ' · ', '') ||
			coalesce(nullif(trim((SELECT group_concat(speaker, ' · ') FROM (
				SELECT p.name || coalesce(', ' || nullif(trim(p.role), ''), '')
					|| coalesce(', ' || nullif(trim(p.organisation), ''), '') AS speaker
				FROM session_persons sp JOIN persons p ON p.id = sp.person_id
				WHERE sp.session_id = s.id ORDER BY sp.position))), '') || ' · ', ''),
		' ·')
	FROM sessions s JOIN editions e ON e.id = s.edition_id WHERE e.status <> 'draft'
	UNION ALL
	SELECT 4000000000 + d.id, 'dispositif', d.id, d.name,
		rtrim(
			coalesce(nullif(trim(d.operator), '') || ' · ', '') ||
			coalesce(nullif(trim(CASE d.category
				WHEN 'insertion' THEN 'Insertion'
				WHEN 'veille_sociale' THEN 'Veille sociale'
				WHEN 'sanitaire_social' THEN 'Sanitaire et social'
				ELSE d.category END), '') || ' · ', '') ||
			coalesce(nullif(trim(d.sub_category), '') || ' · ', '') ||
			coalesce(nullif(trim(replace(replace(d.publics, char(13), ''), char(10), ', ')), '') || ' · ', '') ||
			coalesce(nullif(trim(replace(replace(coalesce(d.communes, 'Tout le département'), char(13), ''), char(10), ', ')), '') || ' · ', '') ||
			coalesce(nullif(trim(d.description), '') || ' · ', ''),
		' ·')
	FROM dispositifs d WHERE d.retired_at IS NULL;
--> statement-breakpoint
DELETE FROM search_index;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
	SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows;
