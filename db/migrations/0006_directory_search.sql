-- The directory of outreach services joins the full-text search. A service is findable while it
-- is not retired; its rowid is 4 × 1e9 + id, the code 0004 reserved for it. The view gains a
-- fourth branch (a view cannot be altered: it is dropped and created again with the three
-- branches of 0004 unchanged), and triggers on `dispositifs` keep the index in sync.
-- The category is indexed by its label, so « sanitaire » finds the services of that category.
DROP VIEW `search_documents`;
--> statement-breakpoint
CREATE VIEW `search_documents` AS
	SELECT 1000000000 + a.id AS doc, 'article' AS kind, a.id AS ref_id, a.title AS title,
		coalesce(a.standfirst, '') || ' ' || a.body_text || ' ' || coalesce(a.further_reading_markdown, '') AS body
	FROM articles a WHERE a.status = 'published'
	UNION ALL
	SELECT 2000000000 + e.id, 'edition', e.id, e.title,
		coalesce(e.subtitle, '') || ' ' || coalesce(e.summary, '') || ' ' || coalesce(e.objectives, '')
		|| ' ' || coalesce((SELECT v.name || ' ' || v.city FROM venues v WHERE v.id = e.venue_id), '')
	FROM editions e WHERE e.status <> 'draft'
	UNION ALL
	SELECT 3000000000 + s.id, 'session', s.id, s.title,
		coalesce(s.description, '') || ' ' || coalesce((
			SELECT group_concat(p.name || ' ' || coalesce(p.role, '') || ' ' || coalesce(p.organisation, ''), ' ')
			FROM session_persons sp JOIN persons p ON p.id = sp.person_id WHERE sp.session_id = s.id
		), '')
	FROM sessions s JOIN editions e ON e.id = s.edition_id WHERE e.status <> 'draft'
	UNION ALL
	SELECT 4000000000 + d.id, 'dispositif', d.id, d.name,
		d.operator || ' ' || CASE d.category
			WHEN 'insertion' THEN 'Insertion'
			WHEN 'veille_sociale' THEN 'Veille sociale'
			WHEN 'sanitaire_social' THEN 'Sanitaire et social'
			ELSE d.category END
		|| ' ' || coalesce(d.sub_category, '') || ' ' || coalesce(d.publics, '')
		|| ' ' || coalesce(d.communes, 'Tout le département') || ' ' || coalesce(d.description, '')
	FROM dispositifs d WHERE d.retired_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `search_dispositif_insert` AFTER INSERT ON `dispositifs` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'dispositif' AND ref_id = new.id;
END;
--> statement-breakpoint
-- Retiring a service is an update: the row is taken out and, being retired, not put back.
CREATE TRIGGER `search_dispositif_update` AFTER UPDATE ON `dispositifs` BEGIN
	DELETE FROM search_index WHERE rowid = 4000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'dispositif' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_dispositif_delete` AFTER DELETE ON `dispositifs` BEGIN
	DELETE FROM search_index WHERE rowid = 4000000000 + old.id;
END;
--> statement-breakpoint
-- Services written before this migration (none through the app, but a database may hold some).
INSERT INTO search_index (rowid, kind, ref_id, title, body)
	SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'dispositif';
