-- The search shows a snippet of each hit's indexed text. Its fields used to be joined by a bare
-- space, so a snippet ran a subtitle into a summary, or one speaker's organisation into the next
-- speaker's name (« … Ville de Goussainville Mme PELISSIER … »). Fields are now joined by « · »,
-- a speaker reads « name, role, organisation », lists (objectives, publics, communes) lose their
-- blank lines, a « · » typed at a field's end is not doubled, and the index is filled again. The
-- words, and so the ranking, are unchanged: FTS5 reads « · » and « , » as separators, as it read
-- the spaces. The triggers read this view through `search_rows` (migration 0013) and stay as they
-- are. Written in the SQL of SQLite 3.40 (no concat_ws, no ORDER BY inside an aggregate) so that
-- Debian's sqlite3 can still open the file.
DROP VIEW `search_documents`;
--> statement-breakpoint
CREATE VIEW `search_documents` AS
	SELECT 1000000000 + a.id AS doc, 'article' AS kind, a.id AS ref_id, a.title AS title,
		rtrim(
			coalesce(nullif(trim(a.standfirst, ' ·' || char(9, 10, 13)), '') || ' · ', '') ||
			coalesce(nullif(trim(a.body_text, ' ·' || char(9, 10, 13)), '') || ' · ', ''),
		' ·') AS body
	FROM articles a WHERE a.status = 'published'
	UNION ALL
	SELECT 2000000000 + e.id, 'edition', e.id, e.title,
		rtrim(
			coalesce(nullif(trim(e.subtitle, ' ·' || char(9, 10, 13)), '') || ' · ', '') ||
			coalesce(nullif(trim(e.summary, ' ·' || char(9, 10, 13)), '') || ' · ', '') ||
			coalesce(nullif(replace(trim(replace(replace(replace(replace(replace(replace(e.objectives, char(13), ''), ' ' || char(10), char(10)), char(10) || ' ', char(10)), char(10) || char(10), char(10)), char(10) || char(10), char(10)), char(10) || char(10), char(10)), ' ·' || char(9, 10, 13)), char(10), ' · '), '') || ' · ', '') ||
			coalesce((SELECT v.name || coalesce(', ' || nullif(trim(v.city), ''), '') FROM venues v WHERE v.id = e.venue_id) || ' · ', ''),
		' ·')
	FROM editions e WHERE e.status <> 'draft'
	UNION ALL
	SELECT 3000000000 + s.id, 'session', s.id, s.title,
		rtrim(
			coalesce(nullif(trim(s.description, ' ·' || char(9, 10, 13)), '') || ' · ', '') ||
			coalesce((SELECT group_concat(speaker, ' · ') FROM (
				SELECT p.name || coalesce(', ' || nullif(trim(p.role, ' ·' || char(9, 10, 13)), ''), '')
					|| coalesce(', ' || nullif(trim(p.organisation, ' ·' || char(9, 10, 13)), ''), '') AS speaker
				FROM session_persons sp JOIN persons p ON p.id = sp.person_id
				WHERE sp.session_id = s.id ORDER BY sp.position)) || ' · ', ''),
		' ·')
	FROM sessions s JOIN editions e ON e.id = s.edition_id WHERE e.status <> 'draft'
	UNION ALL
	SELECT 4000000000 + d.id, 'dispositif', d.id, d.name,
		rtrim(
			coalesce(nullif(trim(d.operator, ' ·' || char(9, 10, 13)), '') || ' · ', '') ||
			coalesce(CASE d.category
				WHEN 'insertion' THEN 'Insertion'
				WHEN 'veille_sociale' THEN 'Veille sociale'
				WHEN 'sanitaire_social' THEN 'Sanitaire et social'
				ELSE d.category END || ' · ', '') ||
			coalesce(nullif(trim(d.sub_category, ' ·' || char(9, 10, 13)), '') || ' · ', '') ||
			coalesce(nullif(replace(trim(replace(replace(replace(replace(replace(replace(d.publics, char(13), ''), ' ' || char(10), char(10)), char(10) || ' ', char(10)), char(10) || char(10), char(10)), char(10) || char(10), char(10)), char(10) || char(10), char(10)), ' ·' || char(9, 10, 13)), char(10), ', '), '') || ' · ', '') ||
			coalesce(nullif(replace(trim(replace(replace(replace(replace(replace(replace(coalesce(d.communes, 'Tout le département'), char(13), ''), ' ' || char(10), char(10)), char(10) || ' ', char(10)), char(10) || char(10), char(10)), char(10) || char(10), char(10)), char(10) || char(10), char(10)), ' ·' || char(9, 10, 13)), char(10), ', '), '') || ' · ', '') ||
			coalesce(nullif(trim(d.description, ' ·' || char(9, 10, 13)), '') || ' · ', ''),
		' ·')
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
