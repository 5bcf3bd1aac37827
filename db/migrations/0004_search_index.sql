-- Full-text search across the archive. One row per findable thing (a published synthesis, a
-- public edition, a programme item of a public edition). Triggers keep it in sync with every
-- write, whatever code path makes it. Accents and case are folded by the tokenizer.
--
-- The rowid encodes the document: kind code × 1e9 + id (1 synthesis, 2 edition, 3 programme
-- item, 4 service). Updates then delete by rowid, and visibility filters are rowid lists, both
-- lookups instead of scans. `kind` is indexed so that « only syntheses » is a posting list too.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	kind,
	ref_id UNINDEXED,
	title,
	body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
-- Titles weigh ten times the body in the ranking (kind and ref_id are not text).
INSERT INTO `search_index` (`search_index`, `rank`) VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 1.0)');
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
	FROM sessions s JOIN editions e ON e.id = s.edition_id WHERE e.status <> 'draft';
--> statement-breakpoint
CREATE TRIGGER `search_article_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'article' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_article_update` AFTER UPDATE ON `articles` BEGIN
	DELETE FROM search_index WHERE rowid = 1000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'article' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_article_delete` AFTER DELETE ON `articles` BEGIN
	DELETE FROM search_index WHERE rowid = 1000000000 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_edition_insert` AFTER INSERT ON `editions` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'edition' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_edition_update` AFTER UPDATE ON `editions` BEGIN
	DELETE FROM search_index WHERE rowid = 2000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'edition' AND ref_id = new.id;
	-- The view is filtered by kind and id, so SQLite reads one branch through its primary key.
	-- Publishing or unpublishing an edition shows or hides its programme too.
	DELETE FROM search_index WHERE rowid IN (SELECT 3000000000 + id FROM sessions WHERE edition_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents
		WHERE kind = 'session' AND ref_id IN (SELECT id FROM sessions WHERE edition_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_edition_delete` AFTER DELETE ON `editions` BEGIN
	DELETE FROM search_index WHERE rowid = 2000000000 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_venue_update` AFTER UPDATE ON `venues` BEGIN
	DELETE FROM search_index WHERE rowid IN (SELECT 2000000000 + id FROM editions WHERE venue_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents
		WHERE kind = 'edition' AND ref_id IN (SELECT id FROM editions WHERE venue_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_insert` AFTER INSERT ON `sessions` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'session' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_update` AFTER UPDATE ON `sessions` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'session' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_delete` AFTER DELETE ON `sessions` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_person_insert` AFTER INSERT ON `session_persons` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + new.session_id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'session' AND ref_id = new.session_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_person_delete` AFTER DELETE ON `session_persons` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + old.session_id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents WHERE kind = 'session' AND ref_id = old.session_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_person_update` AFTER UPDATE ON `persons` BEGIN
	DELETE FROM search_index WHERE rowid IN (SELECT 3000000000 + session_id FROM session_persons WHERE person_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, title, body)
		SELECT doc, kind, ref_id, title, body FROM search_documents
		WHERE kind = 'session' AND ref_id IN (SELECT session_id FROM session_persons WHERE person_id = new.id);
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, title, body) SELECT doc, kind, ref_id, title, body FROM search_documents;
